// Finding open jobs to offer on.
import { searchOpenJobs } from "../jobs/jobs.ts";
import { jobSearchInputSchema, jobSearchPageSchema } from "../jobs/schemas.ts";
import { createRouter, protectedProcedure } from "../trpc.ts";

export const jobsRouter = createRouter({
  search: protectedProcedure
    .input(jobSearchInputSchema)
    .output(jobSearchPageSchema)
    .query(({ ctx, input }) => searchOpenJobs(ctx.sql, ctx.user.id, input)),
});
