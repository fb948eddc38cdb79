// A registration's writes: the account, its (empty) profile, its verification token and the
// mail that carries the link, in one statement, which is one transaction. A registration is mostly argon2, and on
// embedded PGlite every statement is a turn of the database's one session, where Prisma's
// interactive transaction took five statements for the same writes (bench/RESULTS.md). It goes by
// the raw path (raw-statements.ts in @phresh/db), without Prisma's client pipeline.
import type { Database, User as UserRow } from "@phresh/db";
import type { Mail } from "../mail/messages.ts";
import type { newAccountToken } from "./account-tokens.ts";
import { USER_COLUMNS } from "./user-columns.ts";

export type NewAccount = Pick<
  UserRow,
  "id" | "email" | "name" | "nameKey" | "hashedPassword" | "isSuperuser"
>;

/** Inserts `account` unverified, with its empty profile, token and mail; fails like Prisma on a taken e-mail or name. */
export async function insertAccountAwaitingVerification(
  sql: Database["sql"],
  account: NewAccount,
  token: ReturnType<typeof newAccountToken>["record"],
  mail: Mail,
): Promise<UserRow> {
  const rows = await sql<UserRow>`
    WITH account AS (
      INSERT INTO users (id, email, name, name_key, hashed_password, is_superuser)
      VALUES (${account.id}::uuid, ${account.email}, ${account.name}, ${account.nameKey},
              ${account.hashedPassword}, ${account.isSuperuser})
      RETURNING *
    ), profile AS (
      INSERT INTO profiles (user_id) SELECT id FROM account
    ), token AS (
      INSERT INTO account_tokens (token_hash, purpose, user_id, email, expires_at)
      SELECT ${token.tokenHash}, ${token.purpose}::"AccountTokenPurpose", id, ${token.email},
             ${token.expiresAt}
      FROM account
    ), mail AS (
      INSERT INTO mail_outbox ("to", subject, text, html)
      SELECT ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html} FROM account
    )
    SELECT ${USER_COLUMNS} FROM account`;
  const [created] = rows;
  if (!created) throw new Error("the account insert returned no row");
  return created;
}
