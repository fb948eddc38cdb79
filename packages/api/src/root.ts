import { authRouter } from "./routers/auth.ts";
import { cleaningsRouter } from "./routers/cleanings.ts";
import { devMailboxRouter } from "./routers/dev-mailbox.ts";
import { feedRouter } from "./routers/feed.ts";
import { jobsRouter } from "./routers/jobs.ts";
import { sessionRouter } from "./routers/session.ts";
import { usersRouter } from "./routers/users.ts";
import { createCallerFactory, createRouter } from "./trpc.ts";

export const appRouter = createRouter({
  auth: authRouter,
  users: usersRouter,
  cleanings: cleaningsRouter,
  devMailbox: devMailboxRouter,
  session: sessionRouter,
  feed: feedRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
