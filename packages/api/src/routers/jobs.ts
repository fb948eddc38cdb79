// Finding open jobs to offer on.
import { searchOpenJobs } from "../jobs/jobs.ts";
import { jobSearchInputSchema } from "../jobs/schemas.ts";
import { createRouter, protectedProcedure } from "../trpc.ts";

export const jobsRouter = createRouter({
  search: protectedProcedure
    .input(jobSearchInputSchema)
    .query(({ ctx, input }) => searchOpenJobs(ctx.db, ctx.user.id, input)),
});
