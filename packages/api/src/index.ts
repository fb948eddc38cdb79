// The public entry of @phresh/api: the router and its types, context creation, and the two
// fetch-API handlers (tRPC and the legacy REST contract) that apps mount.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { PhreshError } from "./errors.ts";
import { type AppRouter, appRouter } from "./root.ts";
import type { Services } from "./services.ts";
import { createContext } from "./trpc.ts";

export { type Authenticated, authenticate } from "./auth/authenticate.ts";
export { readCookie, SESSION_COOKIE } from "./auth/session-cookie.ts";
export { toUser } from "./auth/users.ts";
export { mayChangeCleaning } from "./cleanings/ownership.ts";
export { createRestHandler, type RestHandlerOptions } from "./rest/handler.ts";
export { type AppRouter, appRouter, createCaller } from "./root.ts";
export * from "./schemas.ts";
export { closeServices, openServices, type Services } from "./services.ts";
export { type Context, createContext } from "./trpc.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export function createTrpcHandler(services: Services, options: { endpoint: string }) {
  return (request: Request) =>
    fetchRequestHandler({
      endpoint: options.endpoint,
      req: request,
      router: appRouter,
      createContext: ({ resHeaders }) => createContext(services, request, resHeaders),
      // A refused-for-now request says when to come back, as the REST contract does.
      responseMeta: ({ errors }) => {
        const limited = errors.find(
          (error) => error instanceof PhreshError && error.retryAfterSeconds,
        );
        return limited instanceof PhreshError
          ? { headers: new Headers({ "Retry-After": String(limited.retryAfterSeconds) }) }
          : {};
      },
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
      },
    });
}
