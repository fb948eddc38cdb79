// The password-guess budgets over real HTTP: every password check counts (log-in, and the current
// password of an account change, through REST and tRPC), and concurrent guesses never check more
// passwords than the budget, on one instance or two on the same database.
import { testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../services.ts";
import {
  createAccount,
  openTestServices,
  startTestServer,
  TEST_SECRET_KEY,
  type TestServer,
  type TestServices,
} from "../testing.ts";
import {
  accountDigest,
  guessCounterKeys,
  PASSWORD_CHECKS_PER_ADDRESS,
} from "./password-guesses.ts";

/** Small enough for a test to spend it; the default is 100. */
const GUESSES_PER_ACCOUNT = 20;

let services: TestServices;
let server: TestServer;
let second: Services;
let secondServer: TestServer;

beforeAll(async () => {
  // 127.0.0.1 plays a reverse proxy here, so X-Forwarded-For can stand for distinct clients.
  services = await openTestServices({
    rateLimitsEnabled: true,
    trustedProxies: ["127.0.0.1"],
    passwordGuessesPerAccountPerHour: GUESSES_PER_ACCOUNT,
  });
  server = await startTestServer(services);
  second = createServices(services.config, services.database, TEST_SECRET_KEY);
  secondServer = await startTestServer(second);
});
afterAll(async () => {
  await secondServer.close();
  await server.close();
  await services.close();
});

/** This suite's budgets (rate limits are on in it). */
function budgets() {
  const found = services.rateLimits.passwordGuesses;
  if (!found) throw new Error("the budgets are on in this suite");
  return found;
}

let nextClient = 0;
function newClient(): string {
  nextClient += 1;
  return `198.51.100.${nextClient}`;
}

function logIn(baseUrl: string, client: string, email: string, password: string) {
  return fetch(`${baseUrl}/api/token`, {
    method: "POST",
    headers: { "X-Forwarded-For": client },
    body: new URLSearchParams({ username: email, password }),
  });
}

type Account = Awaited<ReturnType<typeof createAccount>>;

function updateMeByRest(
  baseUrl: string,
  client: string,
  account: Account,
  currentPassword: string,
) {
  return fetch(`${baseUrl}/api/users/me`, {
    method: "PATCH",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${account.token}`,
      "X-Forwarded-For": client,
    },
    body: JSON.stringify({ name: "guessed_it", current_password: currentPassword }),
  });
}

function updateMeByTrpc(
  baseUrl: string,
  client: string,
  account: Account,
  currentPassword: string,
) {
  return fetch(`${baseUrl}/api/trpc/users.updateMe`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${account.token}`,
      "X-Forwarded-For": client,
    },
    body: JSON.stringify({ name: "guessed_it", current_password: currentPassword }),
  });
}

const statusCounts = (responses: Response[]) => {
  const counts: Record<number, number> = {};
  for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
};

async function expectNameUnchanged(account: Account) {
  const user = await services.database.prisma.user.findUniqueOrThrow({
    where: { id: account.user.id },
  });
  expect(user.name).toBe(account.name);
}

describe(`password guesses on ${testDatabaseKind}`, () => {
  it("answers 30 wrong current passwords on PATCH /api/users/me from one address with 10 × 400, then 429", async () => {
    const account = await createAccount(services);
    const client = newClient();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt++)
      statuses.push((await updateMeByRest(server.url, client, account, "Wrong-password-1")).status);
    expect(statuses).toEqual([...Array(10).fill(400), ...Array(20).fill(429)]);
    // Refused, even with the right password now, and nothing changed.
    const refused = await updateMeByRest(server.url, client, account, account.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectNameUnchanged(account);
  });

  it("counts tRPC users.updateMe's current password in the same budget as log-in's", async () => {
    const account = await createAccount(services);
    const client = newClient();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await logIn(server.url, client, account.email, "Wrong-password-1")).status).toBe(400);
      expect((await updateMeByTrpc(server.url, client, account, "Wrong-password-1")).status).toBe(
        400,
      );
    }
    const refused = await updateMeByTrpc(server.url, client, account, account.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(
      ((await refused.json()) as { error: { data: { errorCode: string } } }).error.data.errorCode,
    ).toBe("TOO_MANY_REQUESTS");
    expect((await logIn(server.url, client, account.email, account.password)).status).toBe(429);
    await expectNameUnchanged(account);
  });

  it("gives the guess back for the right current password", async () => {
    const account = await createAccount(services);
    const client = newClient();
    for (let attempt = 0; attempt < 9; attempt++)
      await updateMeByRest(server.url, client, account, "Wrong-password-1");
    const changed = await updateMeByRest(server.url, client, account, account.password);
    expect(changed.status).toBe(200);
    // The address's nine failures are forgotten with it.
    expect((await logIn(server.url, client, account.email, "Wrong-password-1")).status).toBe(400);
  });

  it("checks at most 10 of 60 concurrent wrong log-ins from one address, across two instances", async () => {
    const account = await createAccount(services);
    const client = newClient();
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        logIn(
          index % 2 === 0 ? server.url : secondServer.url,
          client,
          account.email,
          "Wrong-password-1",
        ),
      ),
    );
    expect(statusCounts(responses)).toEqual({ 400: 10, 429: 50 });
  });

  it("checks at most the account's budget of 60 concurrent wrong log-ins from 60 addresses, across two instances", async () => {
    const account = await createAccount(services);
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        logIn(
          index % 2 === 0 ? server.url : secondServer.url,
          newClient(),
          account.email,
          "Wrong-password-1",
        ),
      ),
    );
    expect(statusCounts(responses)).toEqual({
      400: GUESSES_PER_ACCOUNT,
      429: 60 - GUESSES_PER_ACCOUNT,
    });
  });

  it("checks at most 10 of 30 concurrent wrong current passwords (REST and tRPC), and changes nothing", async () => {
    const account = await createAccount(services);
    const client = newClient();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        (index % 2 === 0 ? updateMeByRest : updateMeByTrpc)(
          index % 3 === 0 ? server.url : secondServer.url,
          client,
          account,
          "Wrong-password-1",
        ),
      ),
    );
    expect(statusCounts(responses)).toEqual({ 400: 10, 429: 20 });
    await expectNameUnchanged(account);
  });
  it("lets 20 of 40 concurrent log-ins from one address through, to 40 accounts, across two instances", async () => {
    const accounts = await Promise.all(Array.from({ length: 40 }, () => createAccount(services)));
    const client = newClient();
    const responses = await Promise.all(
      accounts.map((account, index) =>
        logIn(
          index % 2 === 0 ? server.url : secondServer.url,
          client,
          account.email,
          account.password,
        ),
      ),
    );
    expect(statusCounts(responses)).toEqual({
      200: PASSWORD_CHECKS_PER_ADDRESS.limit,
      429: 40 - PASSWORD_CHECKS_PER_ADDRESS.limit,
    });
  });

  it("counts no guess against an account for a log-in its address's allowance refused", async () => {
    const [spender, target] = [await createAccount(services), await createAccount(services)];
    const client = newClient();
    for (let attempt = 0; attempt < PASSWORD_CHECKS_PER_ADDRESS.limit; attempt++)
      expect((await logIn(server.url, client, spender.email, spender.password)).status).toBe(200);
    for (let attempt = 0; attempt < 5; attempt++) {
      const refused = await logIn(server.url, client, target.email, "Wrong-password-1");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const targetCounters = await services.database.prisma.rateLimit.findMany({
      where: { key: { contains: accountDigest(target.email) } },
    });
    expect(targetCounters).toEqual([]);
  });

  it("counts a deactivated account's right password as a wrong guess", async () => {
    const account = await createAccount(services);
    await services.database.prisma.user.update({
      where: { id: account.user.id },
      data: { isActive: false },
    });
    const client = newClient();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++)
      statuses.push((await logIn(server.url, client, account.email, account.password)).status);
    // Were a right password's guess given back, the 429s would never come and tell it apart.
    expect(statuses).toEqual([...Array(10).fill(400), 429, 429]);
  });

  it("reads the account in its reservation as Prisma's model query reads it", async () => {
    const account = await createAccount(services);
    const seen = await budgets().check(account.email, newClient(), async () => true);
    expect(seen).toEqual({
      account: await services.database.prisma.user.findUnique({ where: { email: account.email } }),
      right: true,
    });
    const unknown = await budgets().check("nobody@example.com", newClient(), async (found) => {
      expect(found).toBeUndefined();
      return false;
    });
    expect(unknown).toEqual({ account: undefined, right: false });
  });
});

// PGlite runs one statement at a time, so only PostgreSQL's statements can wait for each other.
describe.runIf(testDatabaseKind === "postgres")("the guess counters' lock order", () => {
  const prisma = () => services.database.prisma;
  // Counters enough that PostgreSQL finds a statement's counters by their index, in key order
  // (the account's first) as in production, not in the order a small table holds them.
  beforeAll(async () => {
    await prisma().$executeRaw`
      INSERT INTO rate_limits (key, points, expire)
      SELECT 'lock-order-filler:' || n, 0, now() + interval '1 hour'
      FROM generate_series(1, 20000) AS n`;
    await prisma().$executeRaw`ANALYZE rate_limits`;
  });
  afterAll(async () => {
    await prisma()
      .$executeRaw`DELETE FROM rate_limits WHERE starts_with(key, 'lock-order-filler:')`;
  });

  /** Until another session's statement with `marker` in its text waits for a lock. */
  async function waitingForLock(marker: string) {
    for (;;) {
      const [row] = await prisma().$queryRaw<{ waiting: bigint }[]>`
        SELECT count(*) AS waiting FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND datname = current_database()
          AND pid <> pg_backend_pid()
          AND position(${marker} in query) > 0`;
      if (row && row.waiting > 0n) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * A check of `email` whose password check lasts until `answer` is called: by then its guess
   * is reserved, and what follows the answer (a give-back) is still to come.
   */
  function checkHeldAtVerify(email: string, client: string) {
    let verifying!: () => void;
    const started = new Promise<void>((resolve) => (verifying = resolve));
    let answer!: (right: boolean | Error) => void;
    const verdict = new Promise<boolean | Error>((resolve) => (answer = resolve));
    const checked = budgets().check(email, client, async () => {
      verifying();
      const given = await verdict;
      if (given instanceof Error) throw given;
      return given;
    });
    return { started, answer, checked };
  }

  /**
   * In a transaction, as a concurrent reservation of `pair`'s client does: takes the pair's
   * counter, lets `whileHeld` start a statement and waits until it waits for a lock, then
   * counts the account's. A statement that took the account's counter first deadlocks here.
   */
  async function reserveAround(counters: { pair: string; account: string }, whileHeld: () => void) {
    await prisma().$transaction(
      async (tx) => {
        await tx.$executeRaw`UPDATE rate_limits SET points = points + 1 WHERE key = ${counters.pair}`;
        whileHeld();
        await waitingForLock("rate_limits");
        await tx.$executeRaw`UPDATE rate_limits SET points = points + 1 WHERE key = ${counters.account}`;
      },
      { timeout: 120_000 },
    );
  }

  it("gives a right password's guess back while a double-submitted guess of the pair is in flight", async () => {
    const account = await createAccount(services);
    const client = newClient();
    const held = checkHeldAtVerify(account.email, client);
    await held.started;
    await reserveAround(guessCounterKeys(account.email, client), () => held.answer(true));
    expect((await held.checked).right).toBe(true);
    const left = await prisma().rateLimit.findMany({
      where: { key: { in: Object.values(guessCounterKeys(account.email, client)) } },
    });
    // The pair's count is forgotten; the account's holds the concurrent guess only.
    expect(left.map(({ key, points }) => ({ key, points }))).toEqual([
      { key: guessCounterKeys(account.email, client).account, points: 1 },
    ]);
  });

  it("gives both guesses back, after a check that could not run, while a guess of the pair is in flight", async () => {
    const account = await createAccount(services);
    const client = newClient();
    const held = checkHeldAtVerify(account.email, client);
    await held.started;
    const busy = new Error("the hashing queue is full");
    await reserveAround(guessCounterKeys(account.email, client), () => held.answer(busy));
    await expect(held.checked).rejects.toBe(busy);
    const points = await prisma().rateLimit.findMany({
      where: { key: { in: Object.values(guessCounterKeys(account.email, client)) } },
      orderBy: { key: "asc" },
    });
    // Each counter holds the concurrent guess only.
    expect(points.map(({ points }) => points)).toEqual([1, 1]);
  });

  it("clears an account's budgets while a guess of it is in flight", async () => {
    const account = await createAccount(services);
    const counters = guessCounterKeys(account.email, newClient());
    // The account's counter first in the table, as a table scan would meet it.
    const expire = new Date(Date.now() + 60_000);
    await prisma().rateLimit.create({ data: { key: counters.account, points: 3, expire } });
    await prisma().rateLimit.create({ data: { key: counters.pair, points: 3, expire } });
    let cleared: Promise<void> | undefined;
    await reserveAround(counters, () => {
      cleared = budgets().clear(account.email);
    });
    await cleared;
    const left = await prisma().rateLimit.findMany({
      where: { key: { in: Object.values(counters) } },
    });
    expect(left).toEqual([]);
  });
});
