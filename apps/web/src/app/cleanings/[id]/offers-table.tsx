import Link from "next/link";
import { Avatar } from "@/components/avatar.tsx";
import { formatDateTime } from "@/lib/format.ts";
import { AcceptOffer } from "./accept-offer.tsx";
import styles from "./job.module.css";
import type { Job, RatingSummary } from "./load-job.ts";
import { ratingText, statusForOwner } from "./offer-labels.ts";

/** Every offer of the owner's job, newest first, with Accept on pending ones while nobody is hired. */
export function OffersTable({
  job,
  ratings,
  hiring,
}: {
  job: Job;
  ratings: Map<string, RatingSummary>;
  /** False once someone is hired: the API would refuse another acceptance. */
  hiring: boolean;
}) {
  if (job.offers.length === 0) {
    return (
      <p className="muted">
        No offers yet. When someone offers to do this job, they appear here with their rating, and
        you choose whom to accept.
      </p>
    );
  }
  return (
    <table className={styles.offers}>
      <thead>
        <tr>
          <th scope="col">Offered by</th>
          <th scope="col">Rating</th>
          <th scope="col">Status</th>
          <th scope="col" className="optional">
            Offered
          </th>
        </tr>
      </thead>
      <tbody>
        {job.offers.map((offer) => (
          <tr key={offer.user_id} data-testid={`offer-${offer.user.name}`}>
            <td>
              <span className={styles.person}>
                <span className={styles.offerAvatar}>
                  <Avatar
                    name={offer.user.name}
                    fullName={offer.user.profile.full_name}
                    image={offer.user.profile.image}
                  />
                </span>
                <Link
                  className={styles.name}
                  href={`/profiles/${encodeURIComponent(offer.user.name)}`}
                >
                  {offer.user.profile.full_name?.trim() || offer.user.name}
                </Link>
              </span>
            </td>
            <td>{ratingText(ratings.get(offer.user_id))}</td>
            <td>
              {statusForOwner[offer.status]}
              {hiring && offer.status === "pending" ? (
                <div className={styles.accept}>
                  <AcceptOffer cleaningId={job.id} name={offer.user.name} />
                </div>
              ) : null}
            </td>
            <td className="optional">{formatDateTime(offer.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
