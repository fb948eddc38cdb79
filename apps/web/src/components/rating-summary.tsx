// A cleaner's rating summary as a picture: a histogram of their overall ratings (5 stars down to
// 1, each bar as long as its share of the largest) and the averages. The histogram is a real
// table (row header "5 stars", the count in its own cell), so screen readers read it as one; the
// bars are decoration beside the counts.
import type { EvaluationAggregate } from "@phresh/api/schemas";
import styles from "./rating-summary.module.css";

const STAR_ROWS = [
  { stars: 5, key: "five_stars" },
  { stars: 4, key: "four_stars" },
  { stars: 3, key: "three_stars" },
  { stars: 2, key: "two_stars" },
  { stars: 1, key: "one_stars" },
] as const;

const oneDecimal = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** Five stars filled to the nearest whole one, read out as the exact figure. */
export function Stars({ rating, label }: { rating: number; label?: string }) {
  const filled = Math.round(rating);
  return (
    <span
      className={styles.stars}
      role="img"
      aria-label={label ?? `${oneDecimal.format(rating)} out of 5 stars`}
    >
      {"★".repeat(filled)}
      <span className={styles.emptyStars}>{"★".repeat(5 - filled)}</span>
    </span>
  );
}

function Average({ label, value }: { label: string; value: number | null }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {value === null ? (
          <span className="muted">Not rated yet</span>
        ) : (
          `${oneDecimal.format(value)} / 5`
        )}
      </dd>
    </>
  );
}

export function RatingSummary({
  summary,
  headingLevel = 2,
}: {
  summary: EvaluationAggregate;
  headingLevel?: 2 | 3;
}) {
  const Heading = `h${headingLevel}` as const;
  const largest = Math.max(1, ...STAR_ROWS.map((row) => summary[row.key]));
  const total = summary.total_evaluations;
  return (
    <div className={styles.summary}>
      <div className={styles.overall}>
        <Heading className={styles.heading}>Ratings</Heading>
        {summary.avg_overall_rating === null ? (
          <p className="muted">No evaluations yet.</p>
        ) : (
          <p className={styles.score}>
            <span className={styles.scoreFigure}>
              {oneDecimal.format(summary.avg_overall_rating)}
            </span>
            <Stars rating={summary.avg_overall_rating} />
          </p>
        )}
        <p className={styles.total}>
          {total === 1 ? "1 evaluation" : `${total} evaluations`}
          {" · "}
          {summary.total_no_show === 1 ? "1 no-show" : `${summary.total_no_show} no-shows`}
        </p>
      </div>
      <table className={styles.histogram}>
        <caption className="visually-hidden">Evaluations by overall rating</caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Rating</th>
            <th scope="col">Evaluations</th>
          </tr>
        </thead>
        <tbody>
          {STAR_ROWS.map((row) => {
            const count = summary[row.key];
            return (
              <tr key={row.stars}>
                <th scope="row" className={styles.starLabel}>
                  {row.stars === 1 ? "1 star" : `${row.stars} stars`}
                </th>
                <td className={styles.barCell}>
                  <span className={styles.track} aria-hidden="true">
                    <span className={styles.bar} style={{ width: `${(count / largest) * 100}%` }} />
                  </span>
                  <span className={styles.count} data-testid={`stars-${row.stars}`}>
                    {count}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className={styles.averages}>
        <Average label="Overall" value={summary.avg_overall_rating} />
        <Average label="Professionalism" value={summary.avg_professionalism} />
        <Average label="Completeness" value={summary.avg_completeness} />
        <Average label="Efficiency" value={summary.avg_efficiency} />
      </dl>
    </div>
  );
}
