// Single-use tokens mailed for verification and password resets. The mail carries a random
// token; the database keeps only its SHA-256, the address it was sent to, and its expiry.
import { createHash, randomBytes } from "node:crypto";
import type { Transaction } from "../transactions.ts";

export const ACCOUNT_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export type AccountTokenPurpose = "verify_email" | "reset_password";

export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new token for `user`: what the mail carries, and the record to store. */
export function newAccountToken(user: { id: string; email: string }, purpose: AccountTokenPurpose) {
  const token = randomBytes(32).toString("base64url");
  const record = {
    tokenHash: hashAccountToken(token),
    purpose,
    userId: user.id,
    email: user.email,
    expiresAt: new Date(Date.now() + ACCOUNT_TOKEN_LIFETIME_MS),
  };
  return { token, record };
}

export async function createAccountToken(
  tx: Transaction,
  user: { id: string; email: string },
  purpose: AccountTokenPurpose,
): Promise<string> {
  const { token, record } = newAccountToken(user, purpose);
  await tx.accountToken.create({ data: record });
  return token;
}

export type AccountTokenState =
  | { state: "valid"; userId: string }
  | { state: "used"; userId: string }
  | { state: "expired" }
  | { state: "unknown" };

/**
 * What a token is worth, without using it up. A token for an address the account no longer
 * has (the e-mail changed since) counts as unknown.
 */
export async function inspectAccountToken(
  db: Transaction,
  token: string,
  purpose: AccountTokenPurpose,
): Promise<AccountTokenState> {
  const record = await db.accountToken.findUnique({
    where: { tokenHash: hashAccountToken(token) },
    include: { user: { select: { email: true } } },
  });
  if (!record || record.purpose !== purpose || record.user.email !== record.email)
    return { state: "unknown" };
  if (record.usedAt) return { state: "used", userId: record.userId };
  if (record.expiresAt <= new Date()) return { state: "expired" };
  return { state: "valid", userId: record.userId };
}

/** Uses the token up; false when it was already used or expired. Atomic: of two concurrent uses, one wins. */
export async function consumeAccountToken(
  tx: Transaction,
  token: string,
  purpose: AccountTokenPurpose,
): Promise<boolean> {
  const now = new Date();
  const claimed = await tx.accountToken.updateMany({
    where: { tokenHash: hashAccountToken(token), purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return claimed.count === 1;
}

/** After a password change, outstanding reset links must stop working. */
export async function voidAccountTokens(
  tx: Transaction,
  userId: string,
  purpose: AccountTokenPurpose,
) {
  await tx.accountToken.updateMany({
    where: { userId, purpose, usedAt: null },
    data: { usedAt: new Date() },
  });
}
