// The tRPC endpoint as a fetch-API handler `(Request) => Promise<Response>` that apps mount.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { ErrorCode } from "./error-codes.ts";
import { PhreshError } from "./errors.ts";
import {
  ACCOUNT_BODY_LIMIT_BYTES,
  BodyTooLargeError,
  DEFAULT_BODY_LIMIT_BYTES,
  readBodyBytes,
} from "./http/body-limit.ts";
import { appRouter } from "./root.ts";
import type { Services } from "./services.ts";
import { createContext } from "./trpc.ts";

/** Routers whose procedures take credentials, and so the smaller body limit. */
const ACCOUNT_ROUTERS = new Set(["auth", "session", "users"]);

export function createTrpcHandler(services: Services, options: { endpoint: string }) {
  return async (request: Request) => {
    const bounded = await withBoundedBody(request, bodyLimitFor(request.url, options.endpoint));
    if (!bounded) return payloadTooLarge();
    return fetchRequestHandler({
      endpoint: options.endpoint,
      req: bounded,
      router: appRouter,
      createContext: ({ resHeaders }) => createContext(services, bounded, resHeaders),
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
  };
}

/** The smallest limit of the procedures called (a batch names several, comma-separated). */
function bodyLimitFor(url: string, endpoint: string): number {
  const pathname = new URL(url).pathname;
  const procedures = decodeURIComponent(pathname.slice(endpoint.length + 1)).split(",");
  const touchesAccounts = procedures.some((name) => ACCOUNT_ROUTERS.has(name.split(".")[0] ?? ""));
  return touchesAccounts ? ACCOUNT_BODY_LIMIT_BYTES : DEFAULT_BODY_LIMIT_BYTES;
}

/** The request with its body read within the limit; undefined when the body is too large. */
async function withBoundedBody(request: Request, limit: number): Promise<Request | undefined> {
  if (!request.body) return request;
  try {
    const body = await readBodyBytes(request, limit);
    return new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: new Uint8Array(body),
    });
  } catch (error) {
    if (error instanceof BodyTooLargeError) return undefined;
    throw error;
  }
}

/** tRPC's own error shape, so clients read it like any other procedure error. */
function payloadTooLarge(): Response {
  const error = {
    message: ErrorCode.REQUEST_TOO_LARGE,
    code: TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE,
    data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, errorCode: ErrorCode.REQUEST_TOO_LARGE },
  };
  return Response.json({ error }, { status: 413 });
}
