// The rules of accounts, in the spirit of fastapi-users' UserManager: register, authenticate,
// verify, reset, update, log out. Routers are transport only and call these.
import { randomUUID } from "node:crypto";
import { isUniqueViolation, type User as UserRow } from "@phresh/db";
import { ErrorCode } from "../error-codes.ts";
import { accountLinkProblems } from "../error-messages.ts";
import { domainError, inputValidationError } from "../errors.ts";
import { passwordResetMail, verificationMail } from "../mail/messages.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { withdrawOffersOfDeactivatedAccount } from "../offers/departure.ts";
import type { Services } from "../services.ts";
import { inTransaction, type Transaction } from "../transactions.ts";
import type { AccessTokenClaims } from "./access-tokens.ts";
import {
  consumeAccountToken,
  createAccountToken,
  inspectAccountToken,
  newAccountToken,
  voidAccountTokens,
} from "./account-tokens.ts";
import { COMMON_PASSWORD_PROBLEM, isCommonPassword } from "./common-passwords.ts";
import { insertAccountAwaitingVerification } from "./new-account.ts";
import type { PasswordCheck } from "./password-guesses.ts";
import { brokenPasswordRules, describePasswordProblems } from "./password-policy.ts";
import { needsRehash } from "./passwords.ts";
import { recipientKey, withinAllowance } from "./rate-limits.ts";
import { userByEmail } from "./user-columns.ts";

/** Why `password` is refused (policy, then commonness), as one sentence; undefined when it is fine. */
async function passwordProblem(services: Services, password: string): Promise<string | undefined> {
  const problems = brokenPasswordRules(password, services.config.passwordPolicy);
  if (problems.length > 0) return describePasswordProblems(problems);
  return (await isCommonPassword(password)) ? COMMON_PASSWORD_PROBLEM : undefined;
}

const nameKey = (name: string) => name.toLowerCase();

/**
 * Which of e-mail and name another account has, in one query (e-mail first, as fastapi-users
 * reports it). Also after a unique violation, since the adapters name the constraint differently.
 */
type TakenField = Awaited<ReturnType<typeof takenField>>;

async function takenField(db: Transaction, email: string, name: string, exceptUserId?: string) {
  const holders = await db.user.findMany({
    where: {
      OR: [{ email }, { nameKey: nameKey(name) }],
      ...(exceptUserId ? { NOT: { id: exceptUserId } } : {}),
    },
    select: { email: true },
    take: 2,
  });
  if (holders.some((holder) => holder.email === email)) return "email" as const;
  return holders.length > 0 ? ("name" as const) : undefined;
}

async function sendVerification(services: Services, tx: Transaction, user: UserRow): Promise<void> {
  const token = await createAccountToken(tx, user, "verify_email");
  await enqueueMail(tx, verificationMail(services.config.appUrl, user, token));
}

/** After a commit that queued mail: send it now rather than at the next sweep. */
function flushMail(services: Services): void {
  void services.smtpDelivery?.deliverPending();
}

export type NewUser = { email: string; name: string; password: string };

export async function registerUser(
  services: Services,
  input: NewUser,
  privileges: { superuser?: boolean; verified?: boolean } = {},
): Promise<UserRow> {
  const problem = await passwordProblem(services, input.password);
  if (problem) throw inputValidationError("password", problem);
  const db = services.database.prisma;
  const taken = () => takenField(db, input.email, input.name);
  const conflict = (field: TakenField) =>
    field === "name"
      ? domainError(ErrorCode.REGISTER_NAME_ALREADY_EXISTS)
      : domainError(ErrorCode.REGISTER_USER_ALREADY_EXISTS);
  // No check before the insert: the unique indexes refuse a taken e-mail or name, and only then
  // is the holder looked up. Every registration is one statement fewer (about 0.3 ms of the
  // database's CPU: bench/RESULTS.md, sixteenth session); a duplicate costs a hash, as a new
  // account does, and gets the same answer as before.
  const account = {
    id: randomUUID(),
    email: input.email,
    name: input.name,
    nameKey: nameKey(input.name),
    hashedPassword: await services.passwords.hash(input.password),
    isSuperuser: privileges.superuser ?? false,
  };
  try {
    if (privileges.verified)
      return await db.user.create({
        data: { ...account, isVerified: true, profile: { create: {} } },
      });
    const { token, record } = newAccountToken(account, "verify_email");
    const mail = verificationMail(services.config.appUrl, account, token);
    const user = await insertAccountAwaitingVerification(
      services.database.sql,
      account,
      record,
      mail,
    );
    flushMail(services);
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(await taken());
    throw error;
  }
}

/**
 * A password check of the account with `email`, counted against the address's allowance and
 * the account's guess budgets (password-guesses.ts), which read the account in the same
 * statement; `verify` is given that account (undefined when there is none).
 */
async function checkPassword(
  services: Services,
  email: string,
  clientAddress: string,
  verify: (account: UserRow | undefined) => Promise<boolean>,
): Promise<PasswordCheck> {
  const budgets = services.rateLimits.passwordGuesses;
  if (budgets) return budgets.check(email, clientAddress, verify);
  const account = await userByEmail(services.database.sql, email);
  return { account, right: await verify(account) };
}

/**
 * An access token for the right e-mail and password; unknown addresses cost the same time. The
 * guess is reserved before the password is checked (password-guesses.ts), from `clientAddress`.
 */
export async function logIn(
  services: Services,
  input: { email: string; password: string },
  clientAddress: string,
): Promise<string> {
  const db = services.database.prisma;
  // Counted for the account known or not, so the limit itself reveals nothing. A deactivated
  // account's right password counts as a wrong guess: were its guess given back, the budget
  // would tell a guesser which password was right.
  const { account: user, right: valid } = await checkPassword(
    services,
    input.email,
    clientAddress,
    async (account) =>
      account
        ? (await services.passwords.verify(account.hashedPassword, input.password)) &&
          account.isActive
        : services.passwords.verifyAgainstDummy(input.password),
  );
  if (!user || !valid) throw domainError(ErrorCode.LOGIN_BAD_CREDENTIALS);
  if (services.config.requireVerification && !user.isVerified) {
    throw domainError(ErrorCode.LOGIN_USER_NOT_VERIFIED);
  }
  if (needsRehash(user.hashedPassword)) {
    await db.user.update({
      where: { id: user.id },
      data: { hashedPassword: await services.passwords.hash(input.password) },
    });
  }
  return services.accessTokens.issue(user.id, user.tokenGeneration);
}

/**
 * How long a revocation outlives its token's expiry: another instance whose clock runs behind this
 * one's still takes the token for unexpired, and must still find it revoked.
 */
export const REVOCATION_CLOCK_MARGIN_MS = 5 * 60 * 1000;

/** Revokes this one token; records of tokens that have expired anyway are cleared on the way. */
export async function logOut(services: Services, token: AccessTokenClaims): Promise<void> {
  const db = services.database.prisma;
  const expiredEverywhere = new Date(Date.now() - REVOCATION_CLOCK_MARGIN_MS);
  await db.$transaction([
    db.revokedAccessToken.deleteMany({ where: { expiresAt: { lt: expiredEverywhere } } }),
    db.revokedAccessToken.upsert({
      where: { jti: token.jti },
      create: { jti: token.jti, expiresAt: token.expiresAt },
      update: {},
    }),
  ]);
}

/** Revokes every token issued to the user so far. */
export async function logOutEverywhere(services: Services, userId: string): Promise<void> {
  await services.database.prisma.user.update({
    where: { id: userId },
    data: { tokenGeneration: { increment: 1 } },
  });
}

/** Mails a verification link when the address belongs to an active, unverified account; silent otherwise. */
export async function requestVerification(services: Services, email: string): Promise<void> {
  const db = services.database.prisma;
  const user = await db.user.findUnique({ where: { email } });
  if (!user?.isActive || user.isVerified) return;
  // Past the recipient's allowance nothing is written; the answer (202) was the same anyway.
  const recipient = recipientKey("verify_email", email);
  if (!(await withinAllowance(services.rateLimits.mailsPerRecipient, recipient))) return;
  await db.$transaction((tx) => sendVerification(services, tx, user));
  flushMail(services);
}

export async function verifyUser(services: Services, token: string): Promise<UserRow> {
  const db = services.database.prisma;
  const inspected = await inspectAccountToken(db, token, "verify_email");
  if (inspected.state === "unknown" || inspected.state === "expired") {
    throw domainError(ErrorCode.VERIFY_USER_BAD_TOKEN, accountLinkProblems[inspected.state]);
  }
  const user = await db.user.findUnique({ where: { id: inspected.userId } });
  if (!user?.isActive) throw domainError(ErrorCode.VERIFY_USER_BAD_TOKEN);
  if (user.isVerified) throw domainError(ErrorCode.VERIFY_USER_ALREADY_VERIFIED);
  if (inspected.state === "used")
    throw domainError(ErrorCode.VERIFY_USER_BAD_TOKEN, accountLinkProblems.used);
  return db.$transaction(async (tx) => {
    if (!(await consumeAccountToken(tx, token, "verify_email"))) {
      throw domainError(ErrorCode.VERIFY_USER_BAD_TOKEN, accountLinkProblems.used);
    }
    return tx.user.update({ where: { id: user.id }, data: { isVerified: true } });
  });
}

/** Mails a reset link when the address belongs to an active account; silent otherwise. */
export async function forgotPassword(services: Services, email: string): Promise<void> {
  const db = services.database.prisma;
  const user = await db.user.findUnique({ where: { email } });
  if (!user?.isActive) return;
  // Past the recipient's allowance nothing is written; the answer (202) was the same anyway.
  const recipient = recipientKey("reset_password", email);
  if (!(await withinAllowance(services.rateLimits.mailsPerRecipient, recipient))) return;
  await db.$transaction(async (tx) => {
    const token = await createAccountToken(tx, user, "reset_password");
    await enqueueMail(tx, passwordResetMail(services.config.appUrl, user, token));
  });
  flushMail(services);
}

/** Sets a new password, uses the token up, voids other reset links and revokes every access token. */
export async function resetPassword(
  services: Services,
  input: { token: string; password: string },
): Promise<void> {
  const db = services.database.prisma;
  const inspected = await inspectAccountToken(db, input.token, "reset_password");
  if (inspected.state !== "valid") {
    const reason = accountLinkProblems[inspected.state];
    throw domainError(ErrorCode.RESET_PASSWORD_BAD_TOKEN, reason);
  }
  const problem = await passwordProblem(services, input.password);
  if (problem) throw domainError(ErrorCode.RESET_PASSWORD_INVALID_PASSWORD, problem);
  const hashedPassword = await services.passwords.hash(input.password);
  const { userId } = inspected;
  const reset = await db.$transaction(async (tx) => {
    if (!(await consumeAccountToken(tx, input.token, "reset_password"))) {
      throw domainError(ErrorCode.RESET_PASSWORD_BAD_TOKEN, accountLinkProblems.used);
    }
    const user = await tx.user.update({
      where: { id: userId },
      data: { hashedPassword, tokenGeneration: { increment: 1 } },
    });
    if (!user.isActive) throw domainError(ErrorCode.RESET_PASSWORD_BAD_TOKEN);
    await voidAccountTokens(tx, user.id, "reset_password");
    return user;
  });
  // The owner has proven control of the mailbox: lift a lock an attacker may have caused.
  await services.rateLimits.passwordGuesses?.clear(reset.email);
}

export type AccountChanges = {
  name?: string | undefined;
  email?: string | undefined;
  password?: string | undefined;
};

/**
 * Applies name, e-mail and password changes; a new e-mail must be verified again (a link is
 * mailed to it). A new password voids outstanding reset links and, like deactivation, bumps the
 * token generation: every access token issued before stops working (reactivating the account
 * later does not bring them back). Deactivation also withdraws the account's pending and accepted
 * offers (offers/departure.ts).
 */
async function applyAccountChanges(
  services: Services,
  user: UserRow,
  changes: AccountChanges & {
    isActive?: boolean | undefined;
    isSuperuser?: boolean | undefined;
    isVerified?: boolean | undefined;
  },
): Promise<UserRow> {
  const db = services.database.prisma;
  if (changes.password !== undefined) {
    const problem = await passwordProblem(services, changes.password);
    if (problem) throw domainError(ErrorCode.UPDATE_USER_INVALID_PASSWORD, problem);
  }
  const emailChanged = changes.email !== undefined && changes.email !== user.email;
  const taken = () =>
    takenField(db, changes.email ?? user.email, changes.name ?? user.name, user.id);
  const conflict = (field: TakenField) =>
    field === "name"
      ? domainError(ErrorCode.UPDATE_USER_NAME_ALREADY_EXISTS)
      : domainError(ErrorCode.UPDATE_USER_EMAIL_ALREADY_EXISTS);
  const takenBefore = await taken();
  if (takenBefore) throw conflict(takenBefore);
  const hashedPassword =
    changes.password === undefined ? undefined : await services.passwords.hash(changes.password);
  const endsSessions = hashedPassword !== undefined || changes.isActive === false;
  try {
    const updated = await inTransaction(db, async (tx) => {
      const saved = await tx.user.update({
        where: { id: user.id },
        data: {
          email: changes.email,
          name: changes.name,
          nameKey: changes.name === undefined ? undefined : nameKey(changes.name),
          hashedPassword,
          isActive: changes.isActive,
          isSuperuser: changes.isSuperuser,
          isVerified: changes.isVerified ?? (emailChanged ? false : undefined),
          tokenGeneration: endsSessions ? { increment: 1 } : undefined,
        },
      });
      if (hashedPassword) await voidAccountTokens(tx, user.id, "reset_password");
      if (changes.isActive === false) await withdrawOffersOfDeactivatedAccount(services, tx, saved);
      if (emailChanged && !saved.isVerified) await sendVerification(services, tx, saved);
      return saved;
    });
    flushMail(services);
    return updated;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(await taken());
    throw error;
  }
}

/**
 * The caller's own changes: the current password is required for any of them, and is a guess
 * against the same budgets as a log-in's (password-guesses.ts), from `clientAddress`. A new
 * password ends every session, the caller's too (the router reissues it from the returned user).
 */
export async function updateOwnAccount(
  services: Services,
  user: UserRow,
  input: AccountChanges & { current_password: string },
  clientAddress: string,
): Promise<UserRow> {
  const { right } = await checkPassword(services, user.email, clientAddress, () =>
    services.passwords.verify(user.hashedPassword, input.current_password),
  );
  if (!right) throw domainError(ErrorCode.UPDATE_USER_BAD_CURRENT_PASSWORD);
  return applyAccountChanges(services, user, {
    name: input.name,
    email: input.email,
    password: input.password,
  });
}

async function findUserOrThrow(services: Services, id: string): Promise<UserRow> {
  const user = await services.database.prisma.user.findUnique({ where: { id } });
  if (!user) throw domainError(ErrorCode.USER_NOT_FOUND);
  return user;
}

export const getUser = findUserOrThrow;

/** A superuser's changes; deactivating a user or setting their password ends their sessions. */
export async function updateUserAsSuperuser(
  services: Services,
  id: string,
  patch: AccountChanges & {
    is_active?: boolean | undefined;
    is_superuser?: boolean | undefined;
    is_verified?: boolean | undefined;
  },
): Promise<UserRow> {
  const user = await findUserOrThrow(services, id);
  return applyAccountChanges(services, user, {
    name: patch.name,
    email: patch.email,
    password: patch.password,
    isActive: patch.is_active,
    isSuperuser: patch.is_superuser,
    isVerified: patch.is_verified,
  });
}

/** Their cleanings stay, without an owner (only superusers may then change them). */
export async function deleteUser(services: Services, id: string): Promise<void> {
  await findUserOrThrow(services, id);
  await services.database.prisma.user.deleteMany({ where: { id } });
}
