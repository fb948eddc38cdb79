// The evaluations contract: what a cleaning's owner may say about the cleaner who did it, how
// an evaluation and a cleaner's summary look, and how the list is paged. Browser-safe.
import { z } from "zod";
import { userNameSchema } from "../auth/schemas.ts";
import { cleaningIdSchema } from "../cleanings/schemas.ts";
import { storableDateTime } from "../instants.ts";
import { cursorSchema, PAGE_SIZE_DEFAULT, pageSchema, pageSizeSchema } from "../listings/paging.ts";
import { plainText } from "../text.ts";

/**
 * Ratings are whole numbers from 0 to 5, as in Phresh (kept for compatibility). The summary's
 * star buckets cover 1–5 only: a 0 counts in the total and the averages, in no bucket.
 */
export const ratingSchema = z.number().int().min(0).max(5);

export const EVALUATION_LIMITS = { headline: 200, comment: 4000 } as const;

export const evaluationCreateSchema = z.object({
  overall_rating: ratingSchema,
  professionalism: ratingSchema.nullable().optional(),
  completeness: ratingSchema.nullable().optional(),
  efficiency: ratingSchema.nullable().optional(),
  headline: plainText().max(EVALUATION_LIMITS.headline).nullable().optional(),
  comment: plainText().max(EVALUATION_LIMITS.comment).nullable().optional(),
  no_show: z.boolean().default(false),
});
export type EvaluationCreate = z.infer<typeof evaluationCreateSchema>;

export const evaluationCreateInput = z.object({
  /** The cleaner being evaluated. */
  name: userNameSchema,
  cleaning_id: cleaningIdSchema,
  evaluation: evaluationCreateSchema,
});

export const cleanerInput = z.object({ name: userNameSchema });

export const evaluationByCleaningInput = z.object({
  name: userNameSchema,
  cleaning_id: cleaningIdSchema,
});

/** Where a page ends: its last evaluation's (created_at, id), newest first. */
export const evaluationCursorKeySchema = z.tuple([
  storableDateTime(),
  z.number().int().positive().max(2_147_483_647),
]);
export type EvaluationCursorKey = z.infer<typeof evaluationCursorKeySchema>;
export const evaluationCursorSchema = cursorSchema(evaluationCursorKeySchema);

export const evaluationListInput = z.object({
  name: userNameSchema,
  limit: pageSizeSchema.default(PAGE_SIZE_DEFAULT),
  /** `next_cursor` of the previous page; absent for the first. */
  cursor: evaluationCursorSchema.optional(),
});

export const evaluationSchema = z.object({
  /** Null once the cleaning was deleted: the evaluation stays with the cleaner. */
  cleaning_id: z.number().int().nullable(),
  /** The cleaning's name when it was evaluated, kept after it is deleted. */
  cleaning_name: z.string(),
  cleaner_id: z.uuid(),
  no_show: z.boolean(),
  headline: z.string().nullable(),
  comment: z.string().nullable(),
  professionalism: ratingSchema.nullable(),
  completeness: ratingSchema.nullable(),
  efficiency: ratingSchema.nullable(),
  overall_rating: ratingSchema,
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const evaluationPageSchema = pageSchema(evaluationSchema);
export type EvaluationPage = z.infer<typeof evaluationPageSchema>;

/** A cleaner's summary. Averages are SQL AVG (null sub-ratings left out), null with no evaluations. */
export const evaluationAggregateSchema = z.object({
  avg_professionalism: z.number().nullable(),
  avg_completeness: z.number().nullable(),
  avg_efficiency: z.number().nullable(),
  avg_overall_rating: z.number().nullable(),
  min_overall_rating: ratingSchema.nullable(),
  max_overall_rating: ratingSchema.nullable(),
  one_stars: z.number().int(),
  two_stars: z.number().int(),
  three_stars: z.number().int(),
  four_stars: z.number().int(),
  five_stars: z.number().int(),
  total_evaluations: z.number().int(),
  total_no_show: z.number().int(),
});
export type EvaluationAggregate = z.infer<typeof evaluationAggregateSchema>;
