// Brute-force limits over real HTTP, counted in the database (PGlite, or PostgreSQL in CI).
import { testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../services.ts";
import {
  createAccount,
  newAccountDetails,
  openTestServices,
  startTestServer,
  TEST_SECRET_KEY,
  type TestServer,
  type TestServices,
} from "../testing.ts";

let services: TestServices;
let server: TestServer;

beforeAll(async () => {
  // 127.0.0.1 plays a reverse proxy here, so X-Forwarded-For can stand for distinct clients.
  services = await openTestServices({ rateLimitsEnabled: true, trustedProxies: ["127.0.0.1"] });
  server = await startTestServer(services);
});
afterAll(async () => {
  await server.close();
  await services.close();
});

let nextClient = 0;
function newClient(): string {
  nextClient += 1;
  return `203.0.113.${nextClient}`;
}

/** One more app instance on the same database, with other settings, serving over HTTP. */
async function anotherInstance(overrides: Partial<TestServices["config"]>) {
  const instance = createServices(
    { ...services.config, ...overrides },
    services.database,
    TEST_SECRET_KEY,
  );
  const instanceServer = await startTestServer(instance);
  return {
    services: instance,
    url: instanceServer.url,
    async close() {
      await instanceServer.close();
      await Promise.all([...instance.backgroundTasks]);
    },
  };
}

function logIn(baseUrl: string, client: string, email: string, password: string) {
  return fetch(`${baseUrl}/api/token`, {
    method: "POST",
    headers: { "X-Forwarded-For": client },
    body: new URLSearchParams({ username: email, password }),
  });
}

describe(`rate limits on ${testDatabaseKind}`, () => {
  it("answers the 11th wrong password from one address within 15 minutes with 429 and Retry-After", async () => {
    const account = await createAccount(services);
    const attacker = newClient();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      statuses.push((await logIn(server.url, attacker, account.email, "Wrong-password-1")).status);
    }
    expect(statuses).toEqual(Array(10).fill(400));
    const blocked = await logIn(server.url, attacker, account.email, "Wrong-password-1");
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual({ detail: "TOO_MANY_REQUESTS" });
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Even the right password waits at that address…
    expect((await logIn(server.url, attacker, account.email, account.password)).status).toBe(429);
    // …but the owner, at their own, is not locked out.
    expect((await logIn(server.url, newClient(), account.email, account.password)).status).toBe(
      200,
    );
  });

  it("does not lock the owner out after 10 wrong passwords from 10 other addresses", async () => {
    const account = await createAccount(services);
    for (let attempt = 0; attempt < 10; attempt++)
      await logIn(server.url, newClient(), account.email, "Wrong-password-1");
    expect((await logIn(server.url, newClient(), account.email, account.password)).status).toBe(
      200,
    );
  });

  it("caps wrong passwords from all addresses together at the account's hourly budget", async () => {
    const budgeted = await anotherInstance({ passwordGuessesPerAccountPerHour: 15 });
    try {
      const account = await createAccount(services);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 15; attempt++) {
        const response = await logIn(budgeted.url, newClient(), account.email, "Wrong-password-1");
        statuses.push(response.status);
      }
      expect(statuses).toEqual(Array(15).fill(400));
      const capped = await logIn(budgeted.url, newClient(), account.email, account.password);
      expect(capped.status).toBe(429);
      expect(Number(capped.headers.get("retry-after"))).toBeGreaterThan(15 * 60);
      expect(Number(capped.headers.get("retry-after"))).toBeLessThanOrEqual(60 * 60);
    } finally {
      await budgeted.close();
    }
  });

  it("still lets another account log in from the same address, below the address limit", async () => {
    const client = newClient();
    const attacked = await createAccount(services);
    for (let attempt = 0; attempt < 11; attempt++)
      await logIn(server.url, client, attacked.email, "Wrong-password-1");
    const other = await createAccount(services);
    expect((await logIn(server.url, client, other.email, other.password)).status).toBe(200);
  });

  it("limits log-ins per address to 20 a minute, and says so through tRPC too", async () => {
    const client = newClient();
    const account = await createAccount(services);
    for (let attempt = 0; attempt < 20; attempt++) {
      expect((await logIn(server.url, client, account.email, account.password)).status).toBe(200);
    }
    expect((await logIn(server.url, client, account.email, account.password)).status).toBe(429);
    const viaTrpc = await fetch(`${server.url}/api/trpc/auth.login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": client },
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    expect(viaTrpc.status).toBe(429);
    expect(Number(viaTrpc.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(
      ((await viaTrpc.json()) as { error: { data: { errorCode: string } } }).error.data.errorCode,
    ).toBe("TOO_MANY_REQUESTS");
  });

  it("does not let a spoofed X-Forwarded-For from an untrusted peer change the key", async () => {
    const untrusted = await openTestServices({ rateLimitsEnabled: true, trustedProxies: [] });
    const direct = await startTestServer(untrusted);
    try {
      const account = await createAccount(untrusted);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 21; attempt++) {
        statuses.push(
          (await logIn(direct.url, `198.51.100.${attempt}`, account.email, account.password))
            .status,
        );
      }
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
      expect(statuses[20]).toBe(429);
    } finally {
      await direct.close();
      await untrusted.close();
    }
  });

  it("lets the owner of an attacked account reset the password, which clears both budgets", async () => {
    const budgeted = await anotherInstance({ passwordGuessesPerAccountPerHour: 15 });
    try {
      const account = await createAccount(services);
      const owner = newClient();
      // Ten wrong passwords from the owner's own address, five from elsewhere: both are spent.
      for (let attempt = 0; attempt < 15; attempt++) {
        const client = attempt < 10 ? owner : newClient();
        await logIn(budgeted.url, client, account.email, "Wrong-password-1");
      }
      for (const client of [owner, newClient()])
        expect((await logIn(budgeted.url, client, account.email, account.password)).status).toBe(
          429,
        );
      const forgot = await fetch(`${budgeted.url}/api/users/forgot-password`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": owner },
        body: JSON.stringify({ email: account.email }),
      });
      expect(forgot.status).toBe(202);
      await Promise.all([...budgeted.services.backgroundTasks]);
      const mail = await services.database.prisma.outboxMail.findFirst({
        where: { to: account.email, text: { contains: "/reset-password?token=" } },
        orderBy: { id: "desc" },
      });
      const token = decodeURIComponent(/token=(\S+)/.exec(mail?.text ?? "")?.[1] ?? "");
      const reset = await fetch(`${budgeted.url}/api/users/reset-password`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": owner },
        body: JSON.stringify({ token, password: "Owner-is-back-7" }),
      });
      expect(reset.status).toBe(200);
      for (const client of [owner, newClient()])
        expect((await logIn(budgeted.url, client, account.email, "Owner-is-back-7")).status).toBe(
          200,
        );
    } finally {
      await budgeted.close();
    }
  });

  it("shares its counters between two app instances on one database", async () => {
    const second = createServices(
      services.config,
      services.database,
      "another-instance-secret-key-0123456789",
    );
    const secondServer = await startTestServer(second);
    try {
      const client = newClient();
      const account = await createAccount(services);
      for (let attempt = 0; attempt < 10; attempt++) {
        const instance = attempt % 2 === 0 ? server : secondServer;
        expect((await logIn(instance.url, client, account.email, account.password)).status).toBe(
          200,
        );
      }
      for (let attempt = 0; attempt < 10; attempt++)
        await logIn(secondServer.url, client, account.email, account.password);
      expect((await logIn(server.url, client, account.email, account.password)).status).toBe(429);
    } finally {
      await secondServer.close();
      await second.smtpDelivery?.stop();
    }
  });

  it("starts a new window once the old one has passed", async () => {
    const account = await createAccount(services);
    const client = newClient();
    for (let attempt = 0; attempt < 20; attempt++)
      await logIn(server.url, client, account.email, account.password);
    expect((await logIn(server.url, client, account.email, account.password)).status).toBe(429);
    // The minute passes (moved back rather than waited for).
    const counter = { key: `login_address:${client}` };
    await services.database.prisma.rateLimit.update({
      where: counter,
      data: { expire: new Date(Date.now() - 1000) },
    });
    expect((await logIn(server.url, client, account.email, account.password)).status).toBe(200);
    const restarted = await services.database.prisma.rateLimit.findUniqueOrThrow({
      where: counter,
    });
    expect(restarted.points).toBe(1);
    expect(restarted.expire?.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it("forgets an address's wrong passwords once the right one is given from it", async () => {
    const account = await createAccount(services);
    const client = newClient();
    for (let round = 0; round < 2; round++) {
      for (let attempt = 0; attempt < 9; attempt++)
        expect((await logIn(server.url, client, account.email, "Wrong-password-1")).status).toBe(
          400,
        );
      // 18 failures in all, but never 10 in a row: the address is not refused.
      expect((await logIn(server.url, client, account.email, account.password)).status).toBe(200);
    }
  });

  it("limits registrations per address", async () => {
    const client = newClient();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await fetch(`${server.url}/api/users`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": client },
        body: JSON.stringify({ new_user: newAccountDetails() }),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses[10]).toBe(429);
  });

  it("keeps its counters in an unlogged table, so a log-in's counting waits for no WAL flush", async () => {
    const [table] = await services.database.sql<{ persistence: string }>`
      SELECT relpersistence::text AS persistence FROM pg_class
      WHERE oid = to_regclass('rate_limits')`;
    expect(table?.persistence).toBe("u");
  });
});
