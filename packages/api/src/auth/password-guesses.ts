// Every password check (log-in, the current password of an account change) is counted, in the
// `rate_limits` table that every instance shares, against:
// - the client address's allowance, PASSWORD_CHECKS_PER_ADDRESS (20) a minute, counted even when
//   refused (as rate-limiter-flexible counts the other limits of rate-limits.ts);
// - two budgets of password guesses, after OWASP's advice on lockout (a lock must stop guessing
//   without handing attackers a way to lock owners out):
//   - per account and client address, 10 per 15 minutes: stops one client's guessing, and
//     failures from other addresses never lock the owner out of their own;
//   - per account from all addresses together, PASSWORD_GUESSES_PER_ACCOUNT (100) an hour: caps
//     guessing spread over many addresses.
// The allowance and a guess of both budgets are taken BEFORE the password is checked, in one
// statement that also reads the account by e-mail: conditional upserts that count a guess only
// while the address is within its allowance and the budget lasts, so N concurrent guesses never
// check more passwords than the budget, on PGlite or PostgreSQL, on one instance or several. A
// right password gives its guess back and clears its pair's count; a password reset clears both
// budgets of the account. A log-in is two statements: that one, and a right password's give-back
// (bench/RESULTS.md, eighteenth session: four before).
// Accounts are keyed by a digest of the e-mail: known or not (the limit itself reveals nothing),
// of any length, and without personal data in the table.
// Counters whose window has passed are swept with the others (rate-limiter-flexible's store
// deletes every row expired for an hour, every five minutes).
// Lock order: a statement that writes both of an account's budgets takes the pair's counter before
// the account's, as the reservation must (the account's is counted only after the pair's). Were
// two statements to take them in opposite orders, concurrent ones (a double-submitted log-in, a
// reset during guessing) would wait for each other until PostgreSQL aborts one as a deadlock.
// Such a statement writes the pair's counters in a CTE; PostgreSQL runs a CTE the statement does
// not read only after the statement itself, so the always-true `(SELECT count(*) FROM <cte>) >= 0`
// makes it read the CTE, before it touches the account's row.
// Both statements of every log-in go by the raw path (raw-statements.ts in @phresh/db).
import { createHash } from "node:crypto";
import { type Database, Prisma, type User } from "@phresh/db";
import { tooManyRequests } from "../errors.ts";
import { USER_COLUMNS } from "./user-columns.ts";

export const GUESSES_PER_ACCOUNT_AND_ADDRESS = 10;
const PAIR_WINDOW_MS = 15 * 60 * 1000;
const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;
/** Log-ins and every other password check, per client address (the key rate-limiter-flexible gave it). */
export const PASSWORD_CHECKS_PER_ADDRESS = { prefix: "login_address", limit: 20, windowMs: 60_000 };

type Budget = { key: string; limit: number; windowMs: number };

export const accountDigest = (email: string) =>
  createHash("sha256").update(email).digest("base64url");
const pairPrefix = (email: string) => `guesses_pair:${accountDigest(email)}:`;

/** The keys of the two guess counters a password check of `email` from `address` counts in. */
export const guessCounterKeys = (email: string, address: string) => ({
  pair: `${pairPrefix(email)}${address}`,
  account: `guesses_account:${accountDigest(email)}`,
});

/** What a check learnt: the account with the e-mail (read in the reservation), and the verdict. */
export type PasswordCheck = { account: User | undefined; right: boolean };

type Reservation = {
  allowancePoints: number;
  allowanceExpire: Date;
  pairTaken: boolean;
  accountTaken: boolean;
};

/** Refused until `expire` (a counter's end). */
const refusedUntil = (expire: Date | null | undefined) =>
  tooManyRequests((expire?.getTime() ?? Date.now()) - Date.now());

export class PasswordGuessBudgets {
  private readonly db: Database["prisma"];
  private readonly sql: Database["sql"];

  constructor(
    database: Pick<Database, "prisma" | "sql">,
    private readonly guessesPerAccountPerHour: number,
  ) {
    this.db = database.prisma;
    this.sql = database.sql;
  }

  private budgets(email: string, address: string) {
    const keys = guessCounterKeys(email, address);
    return {
      allowance: {
        key: `${PASSWORD_CHECKS_PER_ADDRESS.prefix}:${address}`,
        limit: PASSWORD_CHECKS_PER_ADDRESS.limit,
        windowMs: PASSWORD_CHECKS_PER_ADDRESS.windowMs,
      },
      pair: {
        key: keys.pair,
        limit: GUESSES_PER_ACCOUNT_AND_ADDRESS,
        windowMs: PAIR_WINDOW_MS,
      },
      account: {
        key: keys.account,
        limit: this.guessesPerAccountPerHour,
        windowMs: ACCOUNT_WINDOW_MS,
      },
    } satisfies Record<string, Budget>;
  }

  /**
   * Checks a password with `verify`, given the account with `email` (undefined when there is
   * none). The address's allowance and a guess of both budgets are taken first: refused with
   * TOO_MANY_REQUESTS (counting no guess) when any is spent. A right password gives its guess
   * back and forgets the pair's failures; a check that could not run (SERVER_BUSY) gives its
   * guess back.
   */
  async check(
    email: string,
    address: string,
    verify: (account: User | undefined) => Promise<boolean>,
  ): Promise<PasswordCheck> {
    const { allowance, pair, account } = this.budgets(email, address);
    const { reservation, found } = await this.take(email, allowance, pair, account);
    if (reservation.allowancePoints > allowance.limit)
      throw refusedUntil(reservation.allowanceExpire);
    if (!reservation.pairTaken) throw await this.refusal(pair);
    if (!reservation.accountTaken) {
      await this.giveBack(pair);
      throw await this.refusal(account);
    }
    let right: boolean;
    try {
      right = await verify(found);
    } catch (error) {
      await this.giveBack(pair, account);
      throw error;
    }
    if (right)
      await this.sql`
        WITH forgotten AS (DELETE FROM rate_limits WHERE key = ${pair.key} RETURNING key)
        UPDATE rate_limits SET points = points - 1
        WHERE key = ${account.key} AND points > 0 AND (SELECT count(*) FROM forgotten) >= 0`;
    return { account: found, right };
  }

  /** The owner proved control of the mailbox: both budgets start over, from every address. */
  async clear(email: string): Promise<void> {
    const { account } = this.budgets(email, "");
    await this.sql`
      WITH forgotten AS (DELETE FROM rate_limits WHERE starts_with(key, ${pairPrefix(email)}) RETURNING key)
      DELETE FROM rate_limits WHERE key = ${account.key} AND (SELECT count(*) FROM forgotten) >= 0`;
  }

  /**
   * In one statement: one use of the address's allowance (counted even past its limit); one
   * guess of the pair's budget, only within the allowance; one of the account's, only if the
   * pair's was taken (so a spent pair never counts against the account); and the account with
   * `email`. A counter whose window has passed starts over; a budget counts only below its limit.
   */
  private async take(email: string, allowance: Budget, pair: Budget, account: Budget) {
    const now = new Date();
    const expiry = (budget: Budget) => new Date(now.getTime() + budget.windowMs);
    const restartOrAddOne = Prisma.sql`
      ON CONFLICT (key) DO UPDATE SET
        points = CASE WHEN rate_limits.expire <= ${now} THEN 1 ELSE rate_limits.points + 1 END,
        expire = CASE WHEN rate_limits.expire <= ${now} THEN EXCLUDED.expire
                      ELSE rate_limits.expire END`;
    const countOne = (budget: Budget) => Prisma.sql`
      ${restartOrAddOne}
      WHERE rate_limits.expire <= ${now} OR rate_limits.points < ${budget.limit}
      RETURNING points`;
    const [row] = await this.sql<Reservation & Record<keyof User, unknown>>`
      WITH allowance AS (
        INSERT INTO rate_limits (key, points, expire)
        VALUES (${allowance.key}, 1, ${expiry(allowance)})
        ${restartOrAddOne}
        RETURNING points, expire
      ), pair AS (
        INSERT INTO rate_limits (key, points, expire)
        SELECT ${pair.key}::varchar, 1, ${expiry(pair)}::timestamptz
        FROM allowance WHERE allowance.points <= ${allowance.limit}
        ${countOne(pair)}
      ), account AS (
        INSERT INTO rate_limits (key, points, expire)
        SELECT ${account.key}::varchar, 1, ${expiry(account)}::timestamptz
        WHERE EXISTS (SELECT FROM pair)
        ${countOne(account)}
      )
      SELECT allowance.points AS "allowancePoints", allowance.expire AS "allowanceExpire",
        EXISTS (SELECT FROM pair) AS "pairTaken", EXISTS (SELECT FROM account) AS "accountTaken",
        found.*
      FROM allowance
      LEFT JOIN LATERAL (SELECT ${USER_COLUMNS} FROM users WHERE email = ${email}) AS found ON true`;
    if (!row) throw new Error("the reservation statement returned no row");
    const { allowancePoints, allowanceExpire, pairTaken, accountTaken, ...columns } = row;
    return {
      reservation: { allowancePoints, allowanceExpire, pairTaken, accountTaken },
      // The join's columns are all null when no account has the e-mail.
      found: columns.id === null ? undefined : (columns as User),
    };
  }

  private async giveBack(pair: Budget, account?: Budget): Promise<void> {
    if (!account) {
      await this.sql`
        UPDATE rate_limits SET points = points - 1 WHERE key = ${pair.key} AND points > 0`;
      return;
    }
    await this.sql`
      WITH pair AS (
        UPDATE rate_limits SET points = points - 1 WHERE key = ${pair.key} AND points > 0
        RETURNING key
      )
      UPDATE rate_limits SET points = points - 1
      WHERE key = ${account.key} AND points > 0 AND (SELECT count(*) FROM pair) >= 0`;
  }

  private async refusal(budget: Budget) {
    const counter = await this.db.rateLimit.findUnique({ where: { key: budget.key } });
    return refusedUntil(counter?.expire);
  }
}
