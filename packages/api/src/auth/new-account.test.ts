// Registration's one-statement write, on the test database (PGlite, or PostgreSQL in CI).
import { randomUUID } from "node:crypto";
import { testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Mail } from "../mail/messages.ts";
import { openTestServices, type TestServices } from "../testing.ts";
import { hashAccountToken, newAccountToken } from "./account-tokens.ts";
import { insertAccountAwaitingVerification } from "./new-account.ts";

let services: TestServices;
beforeAll(async () => {
  services = await openTestServices();
});
afterAll(() => services.close());

function newAccount(name: string) {
  return {
    id: randomUUID(),
    email: `${name}@example.com`,
    name,
    nameKey: name.toLowerCase(),
    hashedPassword: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    isSuperuser: false,
  };
}

const mailTo = (to: string): Mail => ({ to, subject: "Verify", text: "link", html: "<a>link</a>" });

describe(`writing a new account on ${testDatabaseKind}`, () => {
  it("writes the account unverified with its empty profile, token and mail, and returns Prisma's row", async () => {
    const db = services.database.prisma;
    const account = newAccount("Fresh1");
    const { token, record } = newAccountToken(account, "verify_email");
    const created = await insertAccountAwaitingVerification(
      services.database.sql,
      account,
      record,
      mailTo(account.email),
    );

    expect(created).toEqual(await db.user.findUniqueOrThrow({ where: { id: account.id } }));
    expect(created).toMatchObject({ ...account, isVerified: false, isActive: true });
    const stored = await db.accountToken.findUniqueOrThrow({
      where: { tokenHash: hashAccountToken(token) },
    });
    expect(stored).toMatchObject({ ...record, usedAt: null });
    expect(await db.profile.findUnique({ where: { userId: account.id } })).toMatchObject({
      fullName: null,
      phoneNumber: null,
      bio: null,
      image: null,
    });
    expect(await db.outboxMail.findMany({ where: { to: account.email } })).toMatchObject([
      mailTo(account.email),
    ]);
  });

  it("writes nothing at all when the e-mail is taken", async () => {
    const db = services.database.prisma;
    const first = newAccount("Taken1");
    await insertAccountAwaitingVerification(
      services.database.sql,
      first,
      newAccountToken(first, "verify_email").record,
      mailTo(first.email),
    );
    const second = { ...newAccount("Other1"), email: first.email };
    const { record } = newAccountToken(second, "verify_email");
    await expect(
      insertAccountAwaitingVerification(
        services.database.sql,
        second,
        record,
        mailTo("other@example.com"),
      ),
    ).rejects.toThrow(/users_email_key/);
    expect(await db.user.findUnique({ where: { id: second.id } })).toBeNull();
    expect(await db.profile.findUnique({ where: { userId: second.id } })).toBeNull();
    expect(await db.accountToken.findUnique({ where: { tokenHash: record.tokenHash } })).toBeNull();
    expect(await db.outboxMail.count({ where: { to: "other@example.com" } })).toBe(0);
  });
});
