// Brute-force limits (OWASP ASVS 6.3.1), counted in the database so every app instance shares
// them (rate-limiter-flexible's Prisma store works on PGlite and PostgreSQL alike).
//
// Defaults: log-in and every other password check are counted by password-guesses.ts (20 a minute
// per client address, and the account's guess budgets, in the statement that reads the account);
// registration 10 an hour per address; verification and reset mail requests 10 an hour per
// address, and MAILS_PER_RECIPIENT (3) mails of each kind an hour per recipient; password resets
// 10 per 15 minutes per address. An account out of guesses can still reset its password (that
// flow is limited per address only), and a reset gives its guesses back.
import type { PhreshConfig } from "@phresh/config";
import type { Database } from "@phresh/db";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { tooManyRequests } from "../errors.ts";
import { accountDigest, PasswordGuessBudgets } from "./password-guesses.ts";

type Limiter = RateLimiterPrisma | undefined;

type Counter = { points: number; expire: Date | null };

/** What the limits count with: Prisma for the store's reads, raw SQL for its count. */
type LimitsDatabase = Pick<Database, "prisma" | "sql">;

/**
 * rate-limiter-flexible's Prisma store, counting in one statement instead of two: its own
 * `_upsert` first deletes an expired counter, then upserts, which doubled the database work of
 * every log-in. The library keeps every rule (points, windows, penalties); only this write
 * differs, and it goes by the raw path (raw-statements.ts in @phresh/db): it runs for every
 * log-in, registration and mail request.
 */
class OneStatementRateLimiter extends RateLimiterPrisma {
  private readonly sql: Database["sql"];

  constructor(
    database: LimitsDatabase,
    options: Omit<ConstructorParameters<typeof RateLimiterPrisma>[0], "storeClient">,
  ) {
    super({ ...options, storeClient: database.prisma });
    this.sql = database.sql;
  }

  // The store's internal method (absent from its typings), called for every count.
  async _upsert(key: string, points: number, msDuration: number, forceExpire = false) {
    const now = new Date();
    const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
    // An expired counter (or a forced one) starts over; a live one adds up and keeps its window.
    const rows = await this.sql<Counter>`
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

export function createRateLimits(
  database: LimitsDatabase,
  config: Pick<
    PhreshConfig,
    "rateLimitsEnabled" | "passwordGuessesPerAccountPerHour" | "mailsPerRecipientPerHour"
  >,
) {
  const enabled = config.rateLimitsEnabled;
  const limiter = (keyPrefix: string, points: number, durationSeconds: number): Limiter =>
    enabled
      ? new OneStatementRateLimiter(database, {
          tableName: "rateLimit",
          keyPrefix,
          points,
          duration: durationSeconds,
        })
      : undefined;
  return {
    /** Log-ins and every other password check: the address's allowance and the guess budgets. */
    passwordGuesses: enabled
      ? new PasswordGuessBudgets(database, config.passwordGuessesPerAccountPerHour)
      : undefined,
    registerPerAddress: limiter("register_address", 10, 60 * 60),
    mailRequestsPerAddress: limiter("mail_address", 10, 60 * 60),
    /** Keyed by kind and recipient: one address cannot be bombed with mails from many clients. */
    mailsPerRecipient: limiter("mail_recipient", config.mailsPerRecipientPerHour, 60 * 60),
    resetPerAddress: limiter("reset_address", 10, 15 * 60),
  };
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

/** Counts one use of `key`'s allowance; false, quietly, past the limit (the caller then does nothing). */
export async function withinAllowance(limiter: Limiter, key: string): Promise<boolean> {
  if (!limiter) return true;
  try {
    await limiter.consume(key);
    return true;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return false;
    throw rejection;
  }
}

/** The key of one kind of mail to one address: a digest, of any address's length, naming nobody. */
export function recipientKey(kind: "verify_email" | "reset_password", email: string): string {
  return `${kind}:${accountDigest(email)}`;
}
