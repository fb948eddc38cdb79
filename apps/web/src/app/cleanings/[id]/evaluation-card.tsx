// An evaluation as the job's owner gave it: the ratings as stars (with their number in words
// for screen readers), the headline, the comment, and a no-show when there was one.
import { MAX_STARS, starsLabel } from "@/components/star-rating-input-labels.ts";
import { formatDateTime } from "@/lib/format.ts";
import styles from "./job.module.css";
import type { Evaluation } from "./load-job.ts";

function Stars({ rating }: { rating: number | null }) {
  if (rating === null) return <span className="muted">Not rated</span>;
  return (
    <span role="img" aria-label={starsLabel(rating)} className={styles.stars}>
      {"★".repeat(rating)}
      <span className={styles.emptyStars}>{"☆".repeat(MAX_STARS - rating)}</span>
    </span>
  );
}

export function EvaluationCard({
  evaluation,
  cleaner,
}: {
  evaluation: Evaluation;
  cleaner: string;
}) {
  return (
    <div data-testid="evaluation">
      {evaluation.headline ? <p className={styles.headline}>“{evaluation.headline}”</p> : null}
      <dl className="details">
        <dt>Overall</dt>
        <dd>
          <Stars rating={evaluation.overall_rating} />
        </dd>
        <dt>Professionalism</dt>
        <dd>
          <Stars rating={evaluation.professionalism} />
        </dd>
        <dt>Completeness</dt>
        <dd>
          <Stars rating={evaluation.completeness} />
        </dd>
        <dt>Efficiency</dt>
        <dd>
          <Stars rating={evaluation.efficiency} />
        </dd>
        {evaluation.comment ? (
          <>
            <dt>Comment</dt>
            <dd className={styles.comment}>{evaluation.comment}</dd>
          </>
        ) : null}
        <dt>Given</dt>
        <dd>{formatDateTime(evaluation.created_at)}</dd>
      </dl>
      {evaluation.no_show ? <p>{cleaner} did not show up.</p> : null}
    </div>
  );
}
