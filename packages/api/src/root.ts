import { authRouter } from "./routers/auth.ts";
import { cleaningsRouter } from "./routers/cleanings.ts";
import { devMailboxRouter } from "./routers/dev-mailbox.ts";
import { evaluationsRouter } from "./routers/evaluations.ts";
import { feedRouter } from "./routers/feed.ts";
import { jobsRouter } from "./routers/jobs.ts";
import { offersRouter } from "./routers/offers.ts";
import { profilesRouter } from "./routers/profiles.ts";
import { sessionRouter } from "./routers/session.ts";
import { settingsRouter } from "./routers/settings.ts";
import { usersRouter } from "./routers/users.ts";
import { createCallerFactory, createRouter } from "./trpc.ts";

export const appRouter = createRouter({
  auth: authRouter,
  users: usersRouter,
  cleanings: cleaningsRouter,
  offers: offersRouter,
  devMailbox: devMailboxRouter,
  session: sessionRouter,
  profiles: profilesRouter,
  evaluations: evaluationsRouter,
  settings: settingsRouter,
  feed: feedRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
