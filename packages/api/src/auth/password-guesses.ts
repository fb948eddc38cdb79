// Budgets of password guesses, after OWASP's advice on lockout: a lock must stop guessing without
// handing attackers a way to lock owners out. Every password check (log-in, the current password
// of an account change) spends one guess of two budgets, counted in the `rate_limits` table that
// every instance shares:
// - per account and client address, 10 per 15 minutes: stops one client's guessing, and failures
//   from other addresses never lock the owner out of their own;
// - per account from all addresses together, PASSWORD_GUESSES_PER_ACCOUNT (100) an hour: caps
//   guessing spread over many addresses.
// A guess is reserved BEFORE the password is checked, by a conditional upsert per budget (both in
// one statement) that counts only while the budget lasts, so N concurrent guesses never check
// more passwords than the budget, on PGlite or PostgreSQL, on one instance or several. A right
// password gives its guess back and clears its pair's count; a password reset clears both
// budgets of the account.
// Accounts are keyed by a digest of the e-mail: known or not (the limit itself reveals nothing),
// of any length, and without personal data in the table.
// Counters whose window has passed are swept with the others (rate-limiter-flexible's store
// deletes every row expired for an hour, every five minutes).
// The two statements of every log-in (the reservation, and a right password's give-back) go by
// the raw path (raw-statements.ts in @phresh/db); the rare ones go through Prisma.
import { createHash } from "node:crypto";
import { type Database, Prisma } from "@phresh/db";
import { ErrorCode } from "../error-codes.ts";
import { domainError } from "../errors.ts";

export const GUESSES_PER_ACCOUNT_AND_ADDRESS = 10;
const PAIR_WINDOW_MS = 15 * 60 * 1000;
const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;

type Budget = { key: string; limit: number; windowMs: number };

export const accountDigest = (email: string) =>
  createHash("sha256").update(email).digest("base64url");
const pairPrefix = (email: string) => `guesses_pair:${accountDigest(email)}:`;

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

  private budgets(email: string, address: string): { pair: Budget; account: Budget } {
    return {
      pair: {
        key: `${pairPrefix(email)}${address}`,
        limit: GUESSES_PER_ACCOUNT_AND_ADDRESS,
        windowMs: PAIR_WINDOW_MS,
      },
      account: {
        key: `guesses_account:${accountDigest(email)}`,
        limit: this.guessesPerAccountPerHour,
        windowMs: ACCOUNT_WINDOW_MS,
      },
    };
  }

  /**
   * Checks a password with `verify`, a guess of both budgets reserved first: refused with
   * TOO_MANY_REQUESTS (counting nothing) when either is spent. A right password gives its guess
   * back and forgets the pair's failures; a check that could not run (SERVER_BUSY) gives its
   * guess back.
   */
  async check(email: string, address: string, verify: () => Promise<boolean>): Promise<boolean> {
    const { pair, account } = this.budgets(email, address);
    const taken = await this.take(pair, account);
    if (!taken.pair) throw await this.refusal(pair);
    if (!taken.account) {
      await this.giveBack(pair);
      throw await this.refusal(account);
    }
    let right: boolean;
    try {
      right = await verify();
    } catch (error) {
      await this.giveBack(pair, account);
      throw error;
    }
    if (right)
      await this.sql`
        WITH forgotten AS (DELETE FROM rate_limits WHERE key = ${pair.key})
        UPDATE rate_limits SET points = points - 1 WHERE key = ${account.key} AND points > 0`;
    return right;
  }

  /** The owner proved control of the mailbox: both budgets start over, from every address. */
  async clear(email: string): Promise<void> {
    const { account } = this.budgets(email, "");
    await this.db.$executeRaw`
      DELETE FROM rate_limits
      WHERE key = ${account.key} OR starts_with(key, ${pairPrefix(email)})`;
  }

  /**
   * One guess of each budget, the account's only if the pair's was taken (so a spent pair never
   * counts against the account), in one statement: one commit per log-in where two took two.
   * A counter whose window has passed starts over; a live one counts only below its limit.
   */
  private async take(pair: Budget, account: Budget): Promise<{ pair: boolean; account: boolean }> {
    const now = new Date();
    const expiry = (budget: Budget) => new Date(now.getTime() + budget.windowMs);
    const countOne = (budget: Budget) => Prisma.sql`
      ON CONFLICT (key) DO UPDATE SET
        points = CASE WHEN rate_limits.expire <= ${now} THEN 1 ELSE rate_limits.points + 1 END,
        expire = CASE WHEN rate_limits.expire <= ${now} THEN EXCLUDED.expire
                      ELSE rate_limits.expire END
      WHERE rate_limits.expire <= ${now} OR rate_limits.points < ${budget.limit}
      RETURNING points`;
    const [taken] = await this.sql<{ pair: boolean; account: boolean }>`
      WITH pair AS (
        INSERT INTO rate_limits (key, points, expire) VALUES (${pair.key}, 1, ${expiry(pair)})
        ${countOne(pair)}
      ), account AS (
        INSERT INTO rate_limits (key, points, expire)
        SELECT ${account.key}::varchar, 1, ${expiry(account)}::timestamptz
        WHERE EXISTS (SELECT FROM pair)
        ${countOne(account)}
      )
      SELECT EXISTS (SELECT FROM pair) AS pair, EXISTS (SELECT FROM account) AS account`;
    return taken ?? { pair: false, account: false };
  }

  private async giveBack(...budgets: Budget[]): Promise<void> {
    const keys = Prisma.join(budgets.map((budget) => budget.key));
    await this.db.$executeRaw`
      UPDATE rate_limits SET points = points - 1 WHERE key IN (${keys}) AND points > 0`;
  }

  private async refusal(budget: Budget) {
    const counter = await this.db.rateLimit.findUnique({ where: { key: budget.key } });
    const msLeft = (counter?.expire?.getTime() ?? Date.now()) - Date.now();
    return domainError(
      ErrorCode.TOO_MANY_REQUESTS,
      undefined,
      Math.max(1, Math.ceil(msLeft / 1000)),
    );
  }
}
