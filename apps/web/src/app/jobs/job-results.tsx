// One page of Find jobs' results: each open job with its owner, price, type, how many offers it
// has and the caller's own offer; then a link to the next page, or what to change when empty.
import { cleaningTypeLabels, type JobSearchPage } from "@phresh/api/schemas";
import Link from "next/link";
import { Avatar } from "@/components/avatar.tsx";
import { formatPrice } from "@/lib/format.ts";
import styles from "./jobs.module.css";
import { isFiltered, type JobFilters, jobsHref } from "./search-params.ts";

const offerStatusLabels = {
  pending: "Your offer is pending",
  accepted: "Your offer was accepted",
  rejected: "Your offer was rejected",
  cancelled: "You cancelled your offer",
  completed: "You did this job",
} as const;

export function JobResults({ page, filters }: { page: JobSearchPage; filters: JobFilters }) {
  if (page.items.length === 0) return <EmptyResults filters={filters} />;
  return (
    <>
      <h2 className="visually-hidden">Results</h2>
      <ul className={styles.results}>
        {page.items.map((job) => (
          <li key={job.id} className={styles.job}>
            <h3 className={styles.jobName}>
              <Link href={`/cleanings/${job.id}`}>{job.name}</Link>
            </h3>
            <p className={styles.owner}>
              <Avatar
                name={job.owner.name}
                fullName={job.owner.profile.full_name}
                image={job.owner.profile.image}
              />
              <Link href={`/profiles/${encodeURIComponent(job.owner.name)}`}>
                {job.owner.profile.full_name || job.owner.name}
              </Link>
            </p>
            {job.description ? <p className={styles.description}>{job.description}</p> : null}
            <p className={styles.facts}>
              <span className={styles.price}>{formatPrice(job.price)}</span>
              <span>{cleaningTypeLabels[job.cleaning_type]}</span>
              <span>{job.total_offers === 1 ? "1 offer" : `${job.total_offers} offers`}</span>
              {job.my_offer_status ? (
                <span className={styles.mine}>{offerStatusLabels[job.my_offer_status]}</span>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      <nav className="actions" aria-label="Pages of results">
        {filters.cursor ? (
          <Link className="button secondary" href={jobsHref(filters)}>
            First page
          </Link>
        ) : null}
        {page.next_cursor ? (
          <Link className="button" href={jobsHref(filters, page.next_cursor)}>
            Next page
          </Link>
        ) : null}
      </nav>
    </>
  );
}

function EmptyResults({ filters }: { filters: JobFilters }) {
  if (filters.cursor)
    return (
      <div className={styles.empty}>
        <p>There are no more jobs for this search.</p>
        <p>
          <Link href={jobsHref(filters)}>Back to the first page</Link>
        </p>
      </div>
    );
  if (!isFiltered(filters))
    return (
      <div className={styles.empty}>
        <p>No one else has an open job right now.</p>
        <p>
          Look again later, or <Link href="/cleanings/new">post a cleaning of your own</Link>.
        </p>
      </div>
    );
  const hints = [
    filters.q.trim() ? "use fewer or other words" : undefined,
    filters.type ? "choose any type" : undefined,
    filters.min_price || filters.max_price ? "widen the price range" : undefined,
  ].filter(Boolean);
  return (
    <div className={styles.empty}>
      <p>No open job matches this search.</p>
      <p>
        Try to {hints.join(", or ")}; or <Link href="/jobs">clear every filter</Link>.
      </p>
    </div>
  );
}
