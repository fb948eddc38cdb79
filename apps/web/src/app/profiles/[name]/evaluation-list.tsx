// The evaluations a cleaner received, newest first, with a link to the next page.
import type { EvaluationPage } from "@phresh/api/schemas";
import Link from "next/link";
import { Stars } from "@/components/rating-summary.tsx";
import styles from "./profile.module.css";

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

const subRatings = [
  ["professionalism", "Professionalism"],
  ["completeness", "Completeness"],
  ["efficiency", "Efficiency"],
] as const;

export function EvaluationList({
  page,
  profilePath,
  isLaterPage,
}: {
  page: EvaluationPage;
  profilePath: string;
  isLaterPage: boolean;
}) {
  return (
    <>
      {page.items.length === 0 ? (
        <p className="muted">{isLaterPage ? "No more evaluations." : "No evaluations yet."}</p>
      ) : (
        <ul className={styles.evaluations}>
          {page.items.map((evaluation) => (
            <li
              key={`${evaluation.cleaning_id}-${evaluation.created_at}`}
              className={styles.evaluation}
            >
              <h3 className={styles.evaluationHeading}>
                <Stars
                  rating={evaluation.overall_rating}
                  label={`${evaluation.overall_rating} out of 5 stars`}
                />{" "}
                {evaluation.headline || "No headline"}
              </h3>
              <p className="muted">
                {evaluation.cleaning_id === null ? (
                  evaluation.cleaning_name
                ) : (
                  <Link href={`/cleanings/${evaluation.cleaning_id}`}>
                    {evaluation.cleaning_name}
                  </Link>
                )}
                {" · "}
                {day.format(new Date(evaluation.created_at))}
                {evaluation.no_show ? (
                  <strong className={styles.noShow}> · Did not show up</strong>
                ) : null}
              </p>
              {evaluation.comment ? <p className={styles.comment}>{evaluation.comment}</p> : null}
              <p className={styles.subRatings}>
                {subRatings.map(([key, label]) => (
                  <span key={key}>
                    {label}: {evaluation[key] === null ? "not rated" : `${evaluation[key]} / 5`}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
      <nav className="actions" aria-label="Pages of evaluations">
        {isLaterPage ? (
          <Link className="button secondary" href={profilePath}>
            Newest evaluations
          </Link>
        ) : null}
        {page.next_cursor ? (
          <Link
            className="button"
            href={`${profilePath}?cursor=${encodeURIComponent(page.next_cursor)}`}
          >
            Older evaluations
          </Link>
        ) : null}
      </nav>
    </>
  );
}
