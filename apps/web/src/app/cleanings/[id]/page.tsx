import { mayChangeCleaning } from "@phresh/api";
import { cleaningTypeLabels } from "@phresh/api/schemas";
import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatPrice } from "@/lib/format.ts";
import { requireVerifiedUser } from "@/server/session.ts";
import { loadCleaning } from "../load-cleaning.ts";
import { DeleteCleaning } from "./delete-cleaning.tsx";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Cleaning ${(await params).id}` };
}

export default async function CleaningPage({ params }: Params) {
  const { id } = await params;
  const user = await requireVerifiedUser(`/cleanings/${id}`);
  const cleaning = await loadCleaning(id);
  const mine = mayChangeCleaning(user, { ownerId: cleaning.owner_id });
  return (
    <section>
      <h1>{cleaning.name}</h1>
      <dl className="details">
        <dt>Price</dt>
        <dd data-testid="cleaning-price">{formatPrice(cleaning.price)}</dd>
        <dt>Type</dt>
        <dd>{cleaningTypeLabels[cleaning.cleaning_type]}</dd>
        <dt>Description</dt>
        <dd>{cleaning.description ?? <span className="muted">None</span>}</dd>
        <dt>Posted</dt>
        <dd>{formatDateTime(cleaning.created_at)}</dd>
      </dl>
      {mine ? (
        <div className="actions">
          <Link className="button secondary" href={`/cleanings/${cleaning.id}/edit`}>
            Edit
          </Link>
          <DeleteCleaning id={cleaning.id} name={cleaning.name} />
        </div>
      ) : null}
      <p>
        <Link href="/cleanings">Back to my cleanings</Link>
      </p>
    </section>
  );
}
