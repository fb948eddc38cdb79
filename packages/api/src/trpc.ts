// All tRPC plumbing, in three parts: 1. the context every procedure receives, 2. tRPC's
// initialisation (error shape), 3. the procedures feature routers build on. Feature code never
// touches initTRPC.

import { isDatabaseUnavailable } from "@phresh/db";
import { initTRPC } from "@trpc/server";
import { ZodError } from "zod";
import { authenticate, bearerToken } from "./auth/authenticate.ts";
import { comesFromOwnOrigin, isStateChanging } from "./auth/request-origin.ts";
import {
  clearedSessionCookie,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
} from "./auth/session-cookie.ts";
import { ErrorCode, isErrorCode } from "./error-codes.ts";
import { errorMessages } from "./error-messages.ts";
import { domainError, PhreshError } from "./errors.ts";
import { currentRequest } from "./http/request-context.ts";
import type { Services } from "./services.ts";

// 1. Context
export type Context = {
  services: Services;
  db: Services["database"]["prisma"];
  /** Raw SQL for the hottest reads and writes (raw-statements.ts in @phresh/db). */
  sql: Services["database"]["sql"];
  headers: Headers;
  /** The token sent, if any (an Authorization header wins over the session cookie); checked only by procedures that need a user. */
  accessToken: string | undefined;
  /** True for a state-changing request from another origin: it must not act on the session cookie. */
  crossOriginWrite: boolean;
  /** Sets or clears the web session cookie on the response (a no-op where there is no response, e.g. server components). */
  setSessionCookie(token: string | undefined): void;
  /**
   * Hands the caller a new token for their session after their old one was revoked (a password
   * change): the session cookie when they came with it, else the `Phresh-Access-Token` header.
   */
  reissueAccessToken(token: string): void;
  /** The client's address as Phresh's HTTP server saw it (undefined when not served by it). */
  clientAddress: string | undefined;
};

/** Where a bearer client finds its new token after a password change ended its old one. */
export const ACCESS_TOKEN_HEADER = "Phresh-Access-Token";

/** What the context needs of a request; `method` and `url` are absent for server-side callers. */
export type RequestInfo = { headers: Headers; method?: string; url?: string };

export function createContext(
  services: Services,
  request: RequestInfo,
  responseHeaders?: Headers,
): Context {
  const { config } = services;
  const bearer = bearerToken(request.headers.get("authorization"));
  const cookie = bearer ? undefined : readCookie(request.headers, SESSION_COOKIE);
  const secure = config.appUrl.startsWith("https:") || request.url?.startsWith("https:") === true;
  const stateChanging = isStateChanging(request.method);
  const setSessionCookie = (token: string | undefined) =>
    responseHeaders?.append(
      "Set-Cookie",
      token
        ? sessionCookie(token, { maxAgeSeconds: config.accessTokenLifetimeSeconds, secure })
        : clearedSessionCookie({ secure }),
    );
  return {
    services,
    db: services.database.prisma,
    sql: services.database.sql,
    headers: request.headers,
    accessToken: bearer ?? cookie,
    // Bearer tokens are not sent by browsers on their own, so only cookie-carrying writes are checked.
    crossOriginWrite:
      stateChanging && !bearer && !comesFromOwnOrigin(request.headers, request.url, config.appUrl),
    clientAddress: currentRequest()?.clientAddress,
    setSessionCookie,
    reissueAccessToken(token) {
      if (cookie) setSessionCookie(token);
      else responseHeaders?.set(ACCESS_TOKEN_HEADER, token);
    },
  };
}

/** The rate-limit key of the caller's address (one shared key where the address is unknown). */
export function clientKey(ctx: Context): string {
  return ctx.clientAddress ?? "unknown";
}

// 2. Initialisation
const t = initTRPC.context<Context>().create({
  // Never send stack traces to clients, in any environment.
  isDev: false,
  errorFormatter({ shape, error }) {
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    const validation = error.cause instanceof ZodError ? error.cause : undefined;
    const errorCode = internal
      ? ErrorCode.INTERNAL_SERVER_ERROR
      : validation
        ? ErrorCode.VALIDATION_ERROR
        : isErrorCode(error.message)
          ? error.message
          : undefined;
    return {
      ...shape,
      // Internal failures keep their details in the server log, not in the response.
      message: internal ? ErrorCode.INTERNAL_SERVER_ERROR : shape.message,
      data: {
        ...shape.data,
        errorCode,
        reason: error instanceof PhreshError ? error.reason : undefined,
        issues: validation?.issues.map((issue) => ({
          path: issue.path.map(String),
          message: issue.message,
        })),
      },
    };
  },
});

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. Procedures

/** Seconds a client is asked to wait when the database is down; pools reconnect on their own. */
const OUTAGE_RETRY_AFTER_SECONDS = 5;

/**
 * Every procedure: a database that cannot be reached is a 503 the client may retry, not an
 * internal error. Nothing is half-written: the failed statement or transaction did not commit.
 */
export const publicProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDatabaseUnavailable(result.error.cause))
    throw domainError(
      ErrorCode.SERVICE_UNAVAILABLE,
      errorMessages.SERVICE_UNAVAILABLE,
      OUTAGE_RETRY_AFTER_SECONDS,
    );
  return result;
});

/** For procedures that set the session cookie: any state-changing call must come from the app's origin. */
export const sameOriginProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.crossOriginWrite) throw domainError(ErrorCode.CROSS_ORIGIN_REQUEST);
  return next();
});

/**
 * Needs a valid access token, of a verified account or not; `ctx.user` is the caller and
 * `ctx.token` its token's claims. Only for what an unverified account may still do: read and
 * change itself, and log out (asking for and using a verification link need no token at all).
 */
export const unverifiedAllowedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  // A cross-origin write riding on the session cookie is forgery (bearer writes are never flagged).
  if (ctx.crossOriginWrite && ctx.accessToken) throw domainError(ErrorCode.CROSS_ORIGIN_REQUEST);
  const authenticated = await authenticate(ctx.services, ctx.accessToken);
  if (!authenticated) throw domainError(ErrorCode.UNAUTHORIZED);
  const request = currentRequest();
  if (request) request.userId = authenticated.user.id; // for the request's log line
  return next({ ctx: { ...ctx, user: authenticated.user, token: authenticated.token } });
});

/**
 * Needs a valid access token of a verified account (when REQUIRE_VERIFICATION is on): every
 * procedure that needs a user, but the few above. Like fastapi-users'
 * `current_user(verified=True)`, enforced on each request, not only at log-in, since an account
 * becomes unverified again when its e-mail changes or a superuser says so.
 */
export const protectedProcedure = unverifiedAllowedProcedure.use(({ ctx, next }) => {
  if (ctx.services.config.requireVerification && !ctx.user.isVerified)
    throw domainError(ErrorCode.USER_NOT_VERIFIED);
  return next();
});

/** A verified superuser: an unverified one has no powers beyond its own account either. */
export const superuserProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.user.isSuperuser) throw domainError(ErrorCode.FORBIDDEN);
  return next();
});
