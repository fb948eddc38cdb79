// A cleaning job's page. Its owner sees the offers with each offerer's rating, accepts one, sees
// who is doing it and evaluates them; anyone else offers to do it and follows their offer.
import { mayChangeCleaning } from "@phresh/api";
import { cleaningTypeLabels } from "@phresh/api/schemas";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { FormAlert } from "@/components/form-alert.tsx";
import { formatDateTime, formatPrice } from "@/lib/format.ts";
import { requireVerifiedUser } from "@/server/session.ts";
import { DeleteCleaning } from "./delete-cleaning.tsx";
import { HiredCleaner } from "./hired-cleaner.tsx";
import { loadJob, loadOwnerView } from "./load-job.ts";
import { MyOffer } from "./my-offer.tsx";
import { OffersTable } from "./offers-table.tsx";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The tab shows the job's name; before log-in (the page then redirects) a plain title. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  try {
    return { title: (await loadJob((await params).id)).name };
  } catch (error) {
    if (error instanceof TRPCError) return { title: "Cleaning job" };
    throw error;
  }
}

export default async function CleaningPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireVerifiedUser(`/cleanings/${id}`);
  const job = await loadJob(id);
  const isOwner = job.owner_id === user.id;
  const mayChange = mayChangeCleaning(user, { ownerId: job.owner_id });
  const ownerView = isOwner ? await loadOwnerView(job) : undefined;
  const hired = ownerView?.hired;
  const { saved } = await searchParams;
  return (
    <section>
      <FormAlert tone="success">{saved === "1" ? "Your changes are saved." : undefined}</FormAlert>
      <h1>{job.name}</h1>
      <dl className="details">
        <dt>Price</dt>
        <dd data-testid="cleaning-price">{formatPrice(job.price)}</dd>
        <dt>Type</dt>
        <dd>{cleaningTypeLabels[job.cleaning_type]}</dd>
        {job.description ? (
          <>
            <dt>Description</dt>
            <dd>{job.description}</dd>
          </>
        ) : null}
        <dt>Posted</dt>
        <dd>{formatDateTime(job.created_at)}</dd>
        {isOwner ? null : (
          <>
            <dt>Offers</dt>
            <dd>{job.total_offers}</dd>
          </>
        )}
      </dl>
      {mayChange ? (
        <>
          {hired ? (
            <p className="muted" data-testid="deal-locked">
              {hired.user.name} was hired at this price and type, so they stay as they are; you can
              still change the name and description.
            </p>
          ) : null}
          <div className="actions">
            <Link className="button secondary" href={`/cleanings/${job.id}/edit`}>
              Edit
            </Link>
            <DeleteCleaning
              id={job.id}
              name={job.name}
              assignedTo={hired?.status === "accepted" ? hired.user.name : undefined}
            />
          </div>
        </>
      ) : null}
      {ownerView ? (
        <>
          {ownerView.hired ? (
            <HiredCleaner
              job={job}
              offer={ownerView.hired}
              profile={ownerView.hiredProfile}
              evaluation={ownerView.evaluation}
            />
          ) : null}
          <section className="card" aria-labelledby="offers-heading">
            <h2 id="offers-heading">Offers</h2>
            <OffersTable job={job} ratings={ownerView.ratings} hiring={!ownerView.hired} />
          </section>
        </>
      ) : (
        <section className="card" aria-labelledby="my-offer-heading">
          <h2 id="my-offer-heading">Your offer</h2>
          <MyOffer
            key={job.offers[0]?.status ?? "none"}
            cleaningId={job.id}
            offer={job.offers[0]}
          />
        </section>
      )}
      <p>
        {isOwner ? (
          <Link href="/cleanings">Back to my cleanings</Link>
        ) : (
          <Link href="/jobs">Find other jobs</Link>
        )}
      </p>
    </section>
  );
}
