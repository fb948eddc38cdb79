// Several cleaners' rating summaries in one grouped statement: a list of offers shows each
// offerer's rating without a query per person (contract Q12). An id nobody evaluated, or that
// belongs to no one, gets the same empty summary, so the answer reveals nothing about accounts.
import type { PrismaClient } from "@phresh/db";
import type { EvaluationSummaryItem } from "./summaries-schemas.ts";

/** In the order asked, each id once. Averages are SQL AVG, unrounded, over 0–5 ratings. */
export async function evaluationSummaries(
  db: PrismaClient,
  userIds: readonly string[],
): Promise<EvaluationSummaryItem[]> {
  const distinct = [...new Set(userIds.map((id) => id.toLowerCase()))];
  // unnest … WITH ORDINALITY keeps the asked order; the LEFT JOIN gives people without any
  // evaluation their row (AVG of nothing is NULL, COUNT of it 0).
  return db.$queryRaw<EvaluationSummaryItem[]>`
    SELECT asked.id::text AS user_id,
      AVG(e.overall_rating)::float8 AS avg_overall_rating,
      COUNT(e.cleaner_id)::int AS total_evaluations
    FROM unnest(${distinct}::uuid[]) WITH ORDINALITY AS asked(id, position)
    LEFT JOIN evaluations e ON e.cleaner_id = asked.id
    GROUP BY asked.id, asked.position
    ORDER BY asked.position`;
}
