// The per-process cache of callers: what it keeps and drops on its own, and, on the test
// database, that an authenticated request of a cached caller costs no statement while every
// change to who a token acts as is seen by the very next request.
import type { User as UserRow } from "@phresh/db";
import { openTestDatabase, testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, openTestServices, type TestServices } from "../testing.ts";
import type { CallerRow } from "./authenticate.ts";
import { CallerCache, callerChangesHeard } from "./caller-cache.ts";

function callerRow(id: string, revoked = false): CallerRow {
  const now = new Date();
  const user: UserRow = {
    id,
    email: `${id}@example.com`,
    name: id,
    nameKey: id,
    hashedPassword: "hash",
    isActive: true,
    isSuperuser: false,
    isVerified: true,
    tokenGeneration: 0,
    createdAt: now,
    updatedAt: now,
    marketplaceMails: true,
  };
  return { ...user, revoked };
}

function listeningCache(limits = { maxUsers: 100, maxTokensPerUser: 4, maxAgeMs: 60_000 }) {
  let now = 0;
  const cache = new CallerCache(limits, () => now);
  cache.onListening();
  const store = (userId: string, jti: string, revoked = false) =>
    cache.store(cache.fillTicket(), jti, callerRow(userId, revoked));
  return { cache, store, advance: (ms: number) => (now += ms) };
}

describe("the caller cache on its own", () => {
  it("serves a stored caller, with its token's revocation, only for tokens it looked up", () => {
    const { cache, store } = listeningCache();
    store("ann", "token-1");
    store("ann", "token-2", true);
    expect(cache.lookup("ann", "token-1")?.revoked).toBe(false);
    expect(cache.lookup("ann", "token-2")?.revoked).toBe(true);
    expect(cache.lookup("ann", "token-3")).toBeUndefined();
  });

  it("neither serves nor stores while not listening, and starts empty when listening again", () => {
    const { cache, store } = listeningCache();
    store("ann", "token-1");
    cache.onDeaf();
    expect(cache.lookup("ann", "token-1")).toBeUndefined();
    store("ann", "token-1");
    expect(cache.size).toBe(0);
    cache.onListening();
    store("ann", "token-1");
    expect(cache.size).toBe(1);
    // Listening again after a loss: what was missed meanwhile is unknown.
    cache.onListening();
    expect(cache.size).toBe(0);
  });

  it("drops a user on a change to them, and the owner of a revoked token, and only them", () => {
    const { cache, store } = listeningCache();
    store("ann", "ann-token");
    store("bob", "bob-token");
    store("eve", "eve-token");
    cache.onChange({ kind: "user", userId: "ann" });
    cache.onChange({ kind: "token", jti: "bob-token" });
    expect(cache.lookup("ann", "ann-token")).toBeUndefined();
    expect(cache.lookup("bob", "bob-token")).toBeUndefined();
    expect(cache.lookup("eve", "eve-token")).toBeDefined();
    cache.onChange({ kind: "any" });
    expect(cache.size).toBe(0);
  });

  it("does not keep a caller read before a change that was heard while reading", () => {
    const { cache } = listeningCache();
    const ticket = cache.fillTicket();
    cache.onChange({ kind: "user", userId: "someone else" });
    cache.store(ticket, "token-1", callerRow("ann"));
    expect(cache.lookup("ann", "token-1")).toBeUndefined();
  });

  it("forgets an entry once it reaches the maximum age", () => {
    const { cache, store, advance } = listeningCache({
      maxUsers: 100,
      maxTokensPerUser: 4,
      maxAgeMs: 1_000,
    });
    store("ann", "token-1");
    advance(999);
    expect(cache.lookup("ann", "token-1")).toBeDefined();
    advance(1);
    expect(cache.lookup("ann", "token-1")).toBeUndefined();
  });

  it("holds at most its number of users, the least recently used leaving first", () => {
    const { cache, store } = listeningCache({ maxUsers: 2, maxTokensPerUser: 4, maxAgeMs: 60_000 });
    store("ann", "ann-token");
    store("bob", "bob-token");
    cache.lookup("ann", "ann-token");
    store("eve", "eve-token");
    expect(cache.size).toBe(2);
    expect(cache.lookup("bob", "bob-token")).toBeUndefined();
    expect(cache.lookup("ann", "ann-token")).toBeDefined();
  });
});

describe(`the caller cache serving requests on ${testDatabaseKind}`, () => {
  let services: TestServices;
  let statements: string[] = [];

  beforeAll(async () => {
    const database = await openTestDatabase({ onStatement: (sql) => statements.push(sql) });
    services = await openTestServices({ callerCacheEnabled: true }, database);
  });
  afterAll(() => services?.close());

  type Account = Awaited<ReturnType<typeof createAccount>>;

  /** Makes `account`'s caller cached, checking that a request of theirs then costs no statement. */
  async function cacheCaller(account: Account) {
    // Changes committed earlier are heard first: one arriving during the next read would
    // (rightly) keep it out of the cache.
    await callerChangesHeard(services);
    await account.caller.users.me();
    statements = [];
    await account.caller.users.me();
    expect(statements).toEqual([]);
  }

  it("answers a request of a cached caller without any statement, and a first one with one", async () => {
    const account = await createAccount(services);
    await callerChangesHeard(services);
    statements = [];
    await account.caller.users.me();
    expect(statements).toHaveLength(1);
    statements = [];
    await account.caller.users.me();
    expect(statements).toEqual([]);
  });

  it("refuses, on the next request, a token logged out or of an account logged out everywhere", async () => {
    const once = await createAccount(services);
    await cacheCaller(once);
    await once.caller.auth.logout();
    await expect(once.caller.users.me()).rejects.toThrow("UNAUTHORIZED");

    const everywhere = await createAccount(services);
    await cacheCaller(everywhere);
    await everywhere.caller.auth.logoutEverywhere();
    await expect(everywhere.caller.users.me()).rejects.toThrow("UNAUTHORIZED");
  });

  it("refuses, on the next request, the old token of an account whose password changed", async () => {
    const account = await createAccount(services);
    await cacheCaller(account);
    await account.caller.users.updateMe({
      current_password: account.password,
      password: `${account.password}-new`,
    });
    await expect(account.caller.users.me()).rejects.toThrow("UNAUTHORIZED");
  });

  it("shows, on the next request, what a superuser changed: privileges, verification, deactivation, deletion", async () => {
    const admin = await createAccount(services, { superuser: true });
    const account = await createAccount(services);
    await cacheCaller(account);
    await admin.caller.users.update({ id: account.user.id, patch: { is_superuser: true } });
    expect(await account.caller.users.me()).toMatchObject({ is_superuser: true });

    await cacheCaller(account);
    await admin.caller.users.update({ id: account.user.id, patch: { is_verified: false } });
    expect(await account.caller.users.me()).toMatchObject({ is_verified: false });

    await cacheCaller(account);
    await admin.caller.users.update({ id: account.user.id, patch: { is_active: false } });
    await expect(account.caller.users.me()).rejects.toThrow("UNAUTHORIZED");

    const deleted = await createAccount(services);
    await cacheCaller(deleted);
    await admin.caller.users.delete({ id: deleted.user.id });
    await expect(deleted.caller.users.me()).rejects.toThrow("UNAUTHORIZED");
  });

  it("shows, on the next request, the caller's own changes to name and settings", async () => {
    const account = await createAccount(services);
    await cacheCaller(account);
    await account.caller.users.updateMe({
      name: `${account.name.slice(0, 15)}_new`,
      current_password: account.password,
    });
    expect((await account.caller.users.me()).name).toBe(`${account.name.slice(0, 15)}_new`);

    await cacheCaller(account);
    await account.caller.settings.update({ marketplace_mails: false });
    expect(await account.caller.settings.get()).toEqual({ marketplace_mails: false });
  });

  it("refuses, on the next request, a caller deactivated by a statement written by hand", async () => {
    const account = await createAccount(services);
    await cacheCaller(account);
    await services.database.prisma
      .$executeRaw`UPDATE users SET is_active = false WHERE id = ${account.user.id}::uuid`;
    await expect(account.caller.users.me()).rejects.toThrow("UNAUTHORIZED");
  });
});
