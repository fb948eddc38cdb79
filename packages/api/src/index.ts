// The public entry of @phresh/api: the router and its types, context creation, and the two
// fetch-API handlers (tRPC and the legacy REST contract) that apps mount.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.ts";

export { type Authenticated, authenticate } from "./auth/authenticate.ts";
export { CallerCache, callerChangesHeard } from "./auth/caller-cache.ts";
export { readCookie, SESSION_COOKIE } from "./auth/session-cookie.ts";
export { toUser } from "./auth/users.ts";
export { mayChangeCleaning } from "./cleanings/ownership.ts";
// The feed's and the search's statements, for the benchmark's query plans.
export { feedPageStatement } from "./feed/feed.ts";
export { jobSearchStatement } from "./jobs/jobs.ts";
export { createRestHandler, type RestHandlerOptions } from "./rest/handler.ts";
export { type AppRouter, appRouter, createCaller } from "./root.ts";
export * from "./schemas.ts";
export { closeServices, openServices, type Services } from "./services.ts";
export { type Context, createContext } from "./trpc.ts";
export { createTrpcHandler } from "./trpc-handler.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
