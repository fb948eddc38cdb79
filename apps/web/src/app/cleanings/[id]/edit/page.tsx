import { mayChangeCleaning } from "@phresh/api";
import type { Metadata } from "next";
import { requireVerifiedUser } from "@/server/session.ts";
import { CleaningForm } from "../../cleaning-form.tsx";
import { loadCleaning } from "../../load-cleaning.ts";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Edit cleaning" };

export default async function EditCleaningPage({ params }: Params) {
  const { id } = await params;
  const user = await requireVerifiedUser(`/cleanings/${id}/edit`);
  const cleaning = await loadCleaning(id);
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
  return (
    <section>
      <h1>Edit “{cleaning.name}”</h1>
      <CleaningForm cleaning={cleaning} />
    </section>
  );
}
