// The tRPC endpoint as a fetch-API handler `(Request) => Promise<Response>` that apps mount.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { ErrorCode } from "./error-codes.ts";
import { PhreshError } from "./errors.ts";
import {
  ACCOUNT_BODY_LIMIT_BYTES,
  BodyTooLargeError,
  carriesNoBody,
  DEFAULT_BODY_LIMIT_BYTES,
  readBodyBytes,
} from "./http/body-limit.ts";
import { tryDecodeURIComponent } from "./http/percent-decoding.ts";
import { appRouter } from "./root.ts";
import type { Services } from "./services.ts";
import { createContext } from "./trpc.ts";

/** Routers whose procedures take credentials, and so the smaller body limit. */
const ACCOUNT_ROUTERS = new Set(["auth", "session", "users"]);

export function createTrpcHandler(services: Services, options: { endpoint: string }) {
  return async (request: Request) => {
    const procedures = proceduresCalled(request.url, options.endpoint);
    // tRPC itself would fail on such a path with a 500; no procedure has that name.
    if (!procedures) return refusal(404, "NOT_FOUND", "No procedure found on this path");
    // Each call of a batch costs as much as a request of its own (a password check, a row
    // written), so a batch may not hold more than a handful; refused before its body is read.
    if (procedures.length > services.config.maxBatchCalls)
      return refusal(
        413,
        "PAYLOAD_TOO_LARGE",
        ErrorCode.BATCH_TOO_LARGE,
        ErrorCode.BATCH_TOO_LARGE,
      );
    const bounded = await withBoundedBody(request, bodyLimitFor(procedures));
    if (!bounded)
      return refusal(
        413,
        "PAYLOAD_TOO_LARGE",
        ErrorCode.REQUEST_TOO_LARGE,
        ErrorCode.REQUEST_TOO_LARGE,
      );
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

/** The procedures a path names (a batch names several, comma-separated); undefined when malformed. */
function proceduresCalled(url: string, endpoint: string): string[] | undefined {
  return tryDecodeURIComponent(new URL(url).pathname.slice(endpoint.length + 1))?.split(",");
}

/** The smallest limit of the procedures called. */
function bodyLimitFor(procedures: string[]): number {
  const touchesAccounts = procedures.some((name) => ACCOUNT_ROUTERS.has(name.split(".")[0] ?? ""));
  return touchesAccounts ? ACCOUNT_BODY_LIMIT_BYTES : DEFAULT_BODY_LIMIT_BYTES;
}

/** The request with its body read within `limit`; undefined when the body is too large. */
async function withBoundedBody(request: Request, limit: number): Promise<Request | undefined> {
  if (carriesNoBody(request)) return request;
  try {
    const body = await readBodyBytes(request, limit);
    return new Request(request.url, {
      method: request.method,
      headers: request.headers,
      // The bytes as they are, without another copy.
      body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength),
    });
  } catch (error) {
    if (error instanceof BodyTooLargeError) return undefined;
    throw error;
  }
}

/** A refusal before any procedure runs, in tRPC's own error shape, so clients read it alike. */
function refusal(
  httpStatus: 404 | 413,
  code: "NOT_FOUND" | "PAYLOAD_TOO_LARGE",
  message: string,
  errorCode?: ErrorCode,
): Response {
  const error = {
    message,
    code: TRPC_ERROR_CODES_BY_KEY[code],
    data: { code, httpStatus, ...(errorCode ? { errorCode } : {}) },
  };
  return Response.json({ error }, { status: httpStatus });
}
