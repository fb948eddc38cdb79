// Several app instances on one PostgreSQL database, as behind a load balancer: two real servers,
// each with its own services and its own connection pool, over real HTTP. What one instance
// decides about tokens, log-ins and accounts, the other knows at once, because that state lives
// in the database; each keeps a cache of callers, told of the other's changes by NOTIFY, so a
// test waits until B has heard A's commit (`callerChangesHeard`) before asking B, rather than
// for a time (bench/src/revocation-window.ts measures that delay). Only on PostgreSQL (CI's
// second pass): an embedded database serves one process.
import type { PhreshConfig } from "@phresh/config";
import { CALLER_CHANGES_APPLICATION_NAME, type Database, openDatabase } from "@phresh/db";
import { createPostgresTestDatabase, testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerChangesHeard } from "./auth/caller-cache.ts";
import {
  createAccount,
  newAccountDetails,
  openTestServices,
  startTestServer,
  type TestServer,
  type TestServices,
} from "./testing.ts";

type Instance = { services: TestServices; server: TestServer };

/** An app instance as a server starts one: its own pool on `url`, migrating it if need be. */
async function startInstance(
  url: string,
  overrides: Partial<PhreshConfig> = {},
  onStatement?: (sql: string) => void,
) {
  const database = await openDatabase({ kind: "postgres", url }, { onStatement });
  const services = await openTestServices({ callerCacheEnabled: true, ...overrides }, database);
  return { services, server: await startTestServer(services) };
}

async function stopInstance(instance: Instance | undefined) {
  await instance?.server.close();
  await instance?.services.close();
}

function logIn(instance: Instance, email: string, password: string, client?: string) {
  return fetch(`${instance.server.url}/api/token`, {
    method: "POST",
    headers: client ? { "X-Forwarded-For": client } : {},
    body: new URLSearchParams({ username: email, password }),
  });
}

async function tokenFrom(instance: Instance, account: { email: string; password: string }) {
  const response = await logIn(instance, account.email, account.password);
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

function post(instance: Instance, path: string, token: string) {
  return fetch(`${instance.server.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** The status of GET /api/users/me with `token` on `instance`: 200 accepted, 401 refused. */
async function statusOfMe(instance: Instance, token: string) {
  const response = await fetch(`${instance.server.url}/api/users/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await response.body?.cancel();
  return response.status;
}

/** The process ids of the connections listening for caller changes on `database`. */
async function listeningConnections(database: Database) {
  const rows = await database.prisma.$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = ${CALLER_CHANGES_APPLICATION_NAME}`;
  return rows.map((row) => row.pid);
}

/** Each migration recorded in `_prisma_migrations`, by name, and whether it finished. */
function migrationRecords(database: Database) {
  return database.prisma.$queryRaw<{ name: string; finished: boolean }[]>`
    SELECT migration_name AS name, finished_at IS NOT NULL AS finished
    FROM "_prisma_migrations" ORDER BY migration_name`;
}

describe.runIf(testDatabaseKind === "postgres")("two instances on one PostgreSQL database", () => {
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    created = await createPostgresTestDatabase();
    a = await startInstance(created.url);
    b = await startInstance(created.url);
  });
  afterAll(async () => {
    await stopInstance(a);
    await stopInstance(b);
    await created?.drop();
  });

  it("accepts on one instance a token issued by the other", async () => {
    const account = await createAccount(a.services);
    const fromA = await tokenFrom(a, account);
    const fromB = await tokenFrom(b, account);
    expect([await statusOfMe(b, fromA), await statusOfMe(a, fromB)]).toEqual([200, 200]);
    const me = await fetch(`${b.server.url}/api/users/me`, {
      headers: { Authorization: `Bearer ${fromA}` },
    });
    expect(await me.json()).toMatchObject({ email: account.email });
  });

  it("refuses on one instance a token logged out on the other, and only that token", async () => {
    const account = await createAccount(a.services);
    const loggedOut = await tokenFrom(a, account);
    const kept = await tokenFrom(a, account);
    expect(await statusOfMe(b, loggedOut)).toBe(200);
    expect((await post(a, "/api/token/logout", loggedOut)).status).toBe(204);
    await callerChangesHeard(b.services);
    expect(await statusOfMe(b, loggedOut)).toBe(401);
    expect((await post(b, "/api/token/logout", loggedOut)).status).toBe(401);
    expect(await statusOfMe(b, kept)).toBe(200);
  });

  it("refuses on B a token that B served from its cache, once B has heard A's log-out", async () => {
    const account = await createAccount(a.services);
    const token = await tokenFrom(a, account);
    const claims = await b.services.accessTokens.verify(token);
    if (!claims) throw new Error("token not accepted");
    await callerChangesHeard(b.services);
    expect(await statusOfMe(b, token)).toBe(200);
    expect(b.services.callerCache.lookup(account.user.id, claims.jti)?.revoked).toBe(false);
    expect((await post(a, "/api/token/logout", token)).status).toBe(204);
    await callerChangesHeard(b.services);
    expect(b.services.callerCache.lookup(account.user.id, claims.jti)).toBeUndefined();
    expect(await statusOfMe(b, token)).toBe(401);
  });

  it("refuses on B a caller that B had cached, once B has heard A deactivate them", async () => {
    const admin = await createAccount(a.services, { superuser: true });
    const account = await createAccount(a.services);
    await callerChangesHeard(b.services);
    expect(await statusOfMe(b, account.token)).toBe(200);
    await admin.caller.users.update({ id: account.user.id, patch: { is_active: false } });
    await callerChangesHeard(b.services);
    expect(await statusOfMe(b, account.token)).toBe(401);
  });

  it("queries the database while its listening connection is lost, so a revocation made meanwhile holds", async () => {
    const before = new Set(await listeningConnections(a.services.database));
    let statements = 0;
    const c = await startInstance(created.url, {}, () => {
      statements += 1;
    });
    try {
      const [listener] = (await listeningConnections(a.services.database)).filter(
        (pid) => !before.has(pid),
      );
      if (listener === undefined) throw new Error("the new instance is not listening");
      const account = await createAccount(a.services);
      const token = await tokenFrom(a, account);
      await callerChangesHeard(c.services);
      expect(await statusOfMe(c, token)).toBe(200);
      statements = 0;
      expect(await statusOfMe(c, token)).toBe(200);
      expect(statements).toBe(0);

      const deaf = c.services.callerCache.whenDeaf();
      await a.services.database.prisma.$queryRaw`SELECT pg_terminate_backend(${listener}::int)`;
      await deaf;
      // It may be listening again already, but it starts from nothing: the next request asks.
      statements = 0;
      expect(await statusOfMe(c, token)).toBe(200);
      expect(statements).toBeGreaterThan(0);
      expect((await post(a, "/api/token/logout", token)).status).toBe(204);
      await callerChangesHeard(c.services);
      expect(await statusOfMe(c, token)).toBe(401);

      // Back to serving from the cache once listening again, on a new connection.
      await c.services.callerCache.whenListening();
      const fresh = await tokenFrom(a, account);
      await callerChangesHeard(c.services);
      expect(await statusOfMe(c, fresh)).toBe(200);
      statements = 0;
      expect(await statusOfMe(c, fresh)).toBe(200);
      expect(statements).toBe(0);
      expect(await listeningConnections(a.services.database)).not.toContain(listener);
    } finally {
      await stopInstance(c);
    }
  });

  it("refuses everywhere the tokens of an account logged out everywhere on one instance", async () => {
    const account = await createAccount(a.services);
    const issuedByA = [await tokenFrom(a, account), await tokenFrom(a, account)];
    const issuedByB = await tokenFrom(b, account);
    expect((await post(b, "/api/token/logout-all", issuedByB)).status).toBe(204);
    await callerChangesHeard(a.services);
    for (const token of [...issuedByA, issuedByB]) {
      expect([await statusOfMe(a, token), await statusOfMe(b, token)]).toEqual([401, 401]);
    }
    // A new log-in after that is good on both.
    const fresh = await tokenFrom(a, account);
    expect([await statusOfMe(a, fresh), await statusOfMe(b, fresh)]).toEqual([200, 200]);
  });

  it("creates exactly one account from 50 concurrent registrations of one e-mail split across both", async () => {
    const email = newAccountDetails().email;
    const attempts = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const instance = index % 2 === 0 ? a : b;
        const response = await fetch(`${instance.server.url}/api/users`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ new_user: { ...newAccountDetails(), email } }),
        });
        return { status: response.status, body: await response.json() };
      }),
    );
    const statuses = attempts.map((attempt) => attempt.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    const refusals = attempts.filter((attempt) => attempt.status !== 201);
    expect(refusals).toEqual(
      Array(49).fill({ status: 400, body: { detail: "REGISTER_USER_ALREADY_EXISTS" } }),
    );
    expect(await a.services.database.prisma.user.count({ where: { email } })).toBe(1);
  });

  it("counts the log-ins of one client address on both instances against one limit", async () => {
    // Limits on, and 127.0.0.1 playing the reverse proxy, so X-Forwarded-For names the client.
    const settings = { rateLimitsEnabled: true, trustedProxies: ["127.0.0.1"] };
    const limitedA = await startInstance(created.url, settings);
    const limitedB = await startInstance(created.url, settings);
    try {
      const client = "203.0.113.17";
      // A different account each time, so that only the address's own limit (20 a minute) applies.
      const accounts = await Promise.all(
        Array.from({ length: 21 }, () => createAccount(limitedA.services)),
      );
      // At once, so that all 21 are counted well within the minute however slow the machine.
      const statuses = await Promise.all(
        accounts.map(async (account, index) => {
          const instance = index % 2 === 0 ? limitedA : limitedB;
          const response = await logIn(instance, account.email, account.password, client);
          await response.body?.cancel();
          return response.status;
        }),
      );
      expect(statuses.toSorted()).toEqual([...Array(20).fill(200), 429]);
      const [spare] = accounts;
      if (!spare) throw new Error("no account");
      for (const instance of [limitedA, limitedB]) {
        expect((await logIn(instance, spare.email, spare.password, client)).status).toBe(429);
      }
      // Another client is still welcome on both.
      expect((await logIn(limitedB, spare.email, spare.password, "203.0.113.18")).status).toBe(200);
    } finally {
      await stopInstance(limitedA);
      await stopInstance(limitedB);
    }
  });

  it("migrates a fresh database exactly once when two instances start on it at once", async () => {
    const fresh = await createPostgresTestDatabase();
    const target = { kind: "postgres", url: fresh.url } as const;
    const starts = await Promise.allSettled([openDatabase(target), openDatabase(target)]);
    const opened = starts.flatMap((start) => (start.status === "fulfilled" ? [start.value] : []));
    try {
      expect(
        starts.flatMap((start) => (start.status === "rejected" ? [start.reason] : [])),
      ).toEqual([]);
      const [first, second] = opened;
      if (!first || !second) throw new Error("an instance did not start");
      // One instance applied the whole history (as the suite's database has it); the other,
      // waiting on the lock, found nothing to do.
      const [applied, none] = [first.appliedMigrations, second.appliedMigrations].sort(
        (one, other) => other.length - one.length,
      );
      const history = await migrationRecords(a.services.database);
      expect(history.length).toBeGreaterThan(0);
      expect(applied).toEqual(history.map((record) => record.name));
      expect(none).toEqual([]);
      expect(await migrationRecords(first)).toEqual(history);
    } finally {
      for (const database of opened) await database.close();
      await fresh.drop();
    }
  });
});
