// The hot path of every authenticated request, on the test database (PGlite, or PostgreSQL in CI).
import { testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, openTestServices, type TestServices } from "../testing.ts";
import { authenticate, findCaller } from "./authenticate.ts";

let services: TestServices;
beforeAll(async () => {
  services = await openTestServices();
});
afterAll(() => services.close());

describe(`finding the caller on ${testDatabaseKind}`, () => {
  it("reads exactly the user row that Prisma's model query reads", async () => {
    const { user } = await createAccount(services, { superuser: true });
    const db = services.database.prisma;
    const found = await findCaller(services.database.sql, {
      userId: user.id,
      jti: "never-revoked",
    });
    expect(found).toEqual({
      ...(await db.user.findUniqueOrThrow({ where: { id: user.id } })),
      revoked: false,
    });
  });

  it("sees a revoked token, and finds no one for an unknown id", async () => {
    const { user } = await createAccount(services);
    const db = services.database.prisma;
    await db.revokedAccessToken.create({
      data: { jti: "revoked-jti", expiresAt: new Date(Date.now() + 60_000) },
    });
    const { sql } = services.database;
    expect((await findCaller(sql, { userId: user.id, jti: "revoked-jti" }))?.revoked).toBe(true);
    expect(await findCaller(sql, { userId: crypto.randomUUID(), jti: "x" })).toBeUndefined();
  });

  it("authenticates a valid token, and not one whose subject is not a user id", async () => {
    const account = await createAccount(services);
    const authenticated = await authenticate(services, account.token);
    expect(authenticated?.user).toEqual(account.user);
    const forged = await services.accessTokens.issue("not-a-uuid", 0);
    expect(await authenticate(services, forged)).toBeUndefined();
  });
});
