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
import { domainError } from "../errors.ts";

type Limiter = RateLimiterPrisma | undefined;

type Counter = { points: number; expire: Date | null };

/**
 * rate-limiter-flexible's Prisma store, counting in one statement instead of two: its own
 * `_upsert` first deletes an expired counter, then upserts, which doubled the database work of
 * every log-in. The library keeps every rule (points, windows, penalties); only this write differs.
 */
class OneStatementRateLimiter extends RateLimiterPrisma {
  constructor(
    private readonly db: PrismaClient,
    options: Omit<ConstructorParameters<typeof RateLimiterPrisma>[0], "storeClient">,
  ) {
    super({ ...options, storeClient: db });
  }

  // The store's internal method (absent from its typings), called for every count.
  async _upsert(key: string, points: number, msDuration: number, forceExpire = false) {
    const now = new Date();
    const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
    // An expired counter (or a forced one) starts over; a live one adds up and keeps its window.
    const rows = await this.db.$queryRaw<Counter[]>`
      INSERT INTO rate_limits (key, points, expire) VALUES (${key}, ${points}, ${expire})
      ON CONFLICT (key) DO UPDATE SET
        points = CASE WHEN ${forceExpire} OR rate_limits.expire <= ${now}
                      THEN EXCLUDED.points ELSE rate_limits.points + EXCLUDED.points END,
        expire = CASE WHEN ${forceExpire} OR rate_limits.expire <= ${now}
                      THEN EXCLUDED.expire ELSE rate_limits.expire END
      RETURNING points, expire`;
    return rows[0];
  }
}

export type RateLimits = ReturnType<typeof createRateLimits>;

export function createRateLimits(db: PrismaClient, enabled: boolean) {
  const limiter = (keyPrefix: string, points: number, durationSeconds: number): Limiter =>
    enabled
      ? new OneStatementRateLimiter(db, {
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
  return domainError(
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

/**
 * Refuses when `key` has used up its allowance, without counting this request; otherwise says
 * how much of it was used (0 when nothing was counted), so that callers forgive only what exists.
 */
export async function ensureAllowance(limiter: Limiter, key: string): Promise<number> {
  if (!limiter) return 0;
  const state = await limiter.get(key);
  if (state && state.consumedPoints >= limiter.points) throw tooManyRequests(state.msBeforeNext);
  return state?.consumedPoints ?? 0;
}

/** Counts a failure, quietly (the caller reports the failure itself). */
export async function recordFailure(limiter: Limiter, key: string): Promise<void> {
  await limiter?.penalty(key, 1);
}

export async function forgive(limiter: Limiter, key: string): Promise<void> {
  await limiter?.delete(key);
}
