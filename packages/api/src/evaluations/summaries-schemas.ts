// Rating summaries of several cleaners at once, for lists of people (a job's offers table), so a
// page asks once for everyone it shows instead of once per person. Browser-safe.
import { z } from "zod";

/** As many people as one page of offers shows at most. */
export const SUMMARIES_MAX_USERS = 50;

export const evaluationSummariesInput = z.object({
  /** The cleaners' user ids (offers carry them as `user_id`); repeats are answered once. */
  user_ids: z.uuid().array().min(1).max(SUMMARIES_MAX_USERS),
});
export type EvaluationSummariesInput = z.infer<typeof evaluationSummariesInput>;

/** One cleaner's rating in short: null average and zero total when nobody evaluated them yet. */
export const evaluationSummaryItemSchema = z.object({
  user_id: z.uuid(),
  avg_overall_rating: z.number().nullable(),
  total_evaluations: z.number().int().min(0),
});
export type EvaluationSummaryItem = z.infer<typeof evaluationSummaryItemSchema>;
