// Evaluations of cleaners by the owners of the cleanings they did. Transport only; the rules
// are in evaluations/.
import {
  evaluateCleaner,
  evaluationForCleaning,
  evaluationSummary,
  listEvaluations,
} from "../evaluations/evaluations.ts";
import {
  cleanerInput,
  evaluationAggregateSchema,
  evaluationByCleaningInput,
  evaluationCreateInput,
  evaluationListInput,
  evaluationPageSchema,
  evaluationSchema,
} from "../evaluations/schemas.ts";
import { evaluationSummaries } from "../evaluations/summaries.ts";
import {
  evaluationSummariesInput,
  evaluationSummaryItemSchema,
} from "../evaluations/summaries-schemas.ts";
import { createRouter, protectedProcedure } from "../trpc.ts";

export const evaluationsRouter = createRouter({
  create: protectedProcedure
    .input(evaluationCreateInput)
    .output(evaluationSchema)
    .mutation(({ ctx, input }) => evaluateCleaner(ctx.services, ctx.user, input)),

  /** Newest first, paged: `{items, next_cursor}`. */
  listForCleaner: protectedProcedure
    .input(evaluationListInput)
    .output(evaluationPageSchema)
    .query(({ ctx, input }) => listEvaluations(ctx.db, input)),

  stats: protectedProcedure
    .input(cleanerInput)
    .output(evaluationAggregateSchema)
    .query(({ ctx, input }) => evaluationSummary(ctx.db, input.name)),

  /** Several cleaners' average and count in one statement, for lists of offerers. */
  summaries: protectedProcedure
    .input(evaluationSummariesInput)
    .output(evaluationSummaryItemSchema.array())
    .query(({ ctx, input }) => evaluationSummaries(ctx.db, input.user_ids)),

  byCleaning: protectedProcedure
    .input(evaluationByCleaningInput)
    .output(evaluationSchema)
    .query(({ ctx, input }) => evaluationForCleaning(ctx.db, input)),
});
