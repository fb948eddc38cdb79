import { mayChangeCleaning } from "@phresh/api";
import type { Metadata } from "next";
import { requireVerifiedUser } from "@/server/session.ts";
import { CleaningForm } from "../../cleaning-form.tsx";
import { hiredOffer, loadJob } from "../load-job.ts";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Edit cleaning" };

export default async function EditCleaningPage({ params }: Params) {
  const { id } = await params;
  const user = await requireVerifiedUser(`/cleanings/${id}/edit`);
  const cleaning = await loadJob(id);
  if (!mayChangeCleaning(user, { ownerId: cleaning.owner_id })) {
    return (
      <section>
        <h1>Not yours to edit</h1>
        <p>Only the person who posted “{cleaning.name}” can change it.</p>
        <p>
          <a href={`/cleanings/${cleaning.id}`}>Back to the cleaning</a>
        </p>
      </section>
    );
  }
  // The owner sees every offer; the API refuses a new price or type once someone is hired.
  const hired = hiredOffer(cleaning);
  return (
    <section>
      <h1>Edit “{cleaning.name}”</h1>
      {hired ? (
        <p id="deal-locked">
          The price and type are locked: {hired.user.name} was hired for them. You can still change
          the name and description.
        </p>
      ) : null}
      <CleaningForm cleaning={cleaning} dealLocked={hired !== undefined} />
    </section>
  );
}
