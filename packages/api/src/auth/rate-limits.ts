// Brute-force limits (OWASP ASVS 6.3.1), counted in the database so every app instance shares
// them (rate-limiter-flexible's Prisma store works on PGlite and PostgreSQL alike).
//
// Defaults: log-in 20 attempts a minute per client address and 10 failures per account per
// 15 minutes; registration 10 an hour per address; verification and reset mails 10 an hour per
// address; password resets 10 per 15 minutes per address. A locked account can still reset its
// password (that flow is limited per address only), and a reset lifts the lock.
import type { PrismaClient } from "@phresh/db";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { ErrorCode } from "../error-codes.ts";
import { phreshError } from "../errors.ts";

type Limiter = RateLimiterPrisma | undefined;

export type RateLimits = ReturnType<typeof createRateLimits>;

export function createRateLimits(db: PrismaClient, enabled: boolean) {
  const limiter = (keyPrefix: string, points: number, durationSeconds: number): Limiter =>
    enabled
      ? new RateLimiterPrisma({
          storeClient: db,
          tableName: "rateLimit",
          keyPrefix,
          points,
          duration: durationSeconds,
        })
      : undefined;
  return {
    logInPerAddress: limiter("login_address", 20, 60),
    logInFailuresPerAccount: limiter("login_failures", 10, 15 * 60),
    registerPerAddress: limiter("register_address", 10, 60 * 60),
    mailRequestsPerAddress: limiter("mail_address", 10, 60 * 60),
    resetPerAddress: limiter("reset_address", 10, 15 * 60),
  };
}

function tooManyRequests(msBeforeNext: number) {
  return phreshError(
    "TOO_MANY_REQUESTS",
    ErrorCode.TOO_MANY_REQUESTS,
    undefined,
    Math.max(1, Math.ceil(msBeforeNext / 1000)),
  );
}

/** Counts one request against `key`; refuses it with TOO_MANY_REQUESTS past the limit. */
export async function spend(limiter: Limiter, key: string): Promise<void> {
  if (!limiter) return;
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw tooManyRequests(rejection.msBeforeNext);
    throw rejection;
  }
}

/** Refuses when `key` has used up its allowance, without counting this request. */
export async function ensureAllowance(limiter: Limiter, key: string): Promise<void> {
  if (!limiter) return;
  const state = await limiter.get(key);
  if (state && state.consumedPoints >= limiter.points) throw tooManyRequests(state.msBeforeNext);
}

/** Counts a failure, quietly (the caller reports the failure itself). */
export async function recordFailure(limiter: Limiter, key: string): Promise<void> {
  await limiter?.penalty(key, 1);
}

export async function forgive(limiter: Limiter, key: string): Promise<void> {
  await limiter?.delete(key);
}
