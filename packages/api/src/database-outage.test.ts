// A PostgreSQL outage in the middle of a run: requests are refused with 503 and a clear detail
// while the server is away, and succeed again once it is back, without restarting the app.
// Only on PostgreSQL (CI's second pass): the embedded database cannot go away.
import { openDatabase } from "@phresh/db";
import {
  createPostgresTestDatabase,
  startInterruptibleRelay,
  testDatabaseKind,
} from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAccount,
  openTestServices,
  startTestServer,
  type TestServer,
  type TestServices,
} from "./testing.ts";

describe.runIf(testDatabaseKind === "postgres")("a PostgreSQL outage", () => {
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let relay: Awaited<ReturnType<typeof startInterruptibleRelay>>;
  let services: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    created = await createPostgresTestDatabase();
    const url = new URL(created.url);
    relay = await startInterruptibleRelay({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = "127.0.0.1";
    url.port = String(relay.port);
    const database = await openDatabase({ kind: "postgres", url: url.toString() });
    services = await openTestServices({}, database);
    server = await startTestServer(services);
  });
  afterAll(async () => {
    await server?.close();
    await services?.close();
    await created?.drop();
  });

  const send = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("answers 503 while the server is away and recovers without a restart", async () => {
    const account = await createAccount(services);
    const before = await send("POST", "/api/cleanings", account.token, {
      new_cleaning: { name: "Before the outage", price: 10 },
    });
    expect(before.status).toBe(201);

    await relay.cut();
    const read = await send("GET", "/api/cleanings", account.token);
    expect(read.status).toBe(503);
    expect(read.headers.get("retry-after")).toBe("5");
    expect(await read.json()).toEqual({
      detail: {
        code: "SERVICE_UNAVAILABLE",
        reason: "The service is briefly unavailable. Please try again in a moment.",
      },
    });
    const write = await send("POST", "/api/cleanings", account.token, {
      new_cleaning: { name: "During the outage", price: 20 },
    });
    expect(write.status).toBe(503);
    const logIn = await fetch(`${server.url}/api/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: account.email, password: account.password }),
    });
    expect(logIn.status).toBe(503);
    const viaTrpc = await send("GET", "/api/trpc/cleanings.list", account.token);
    expect(viaTrpc.status).toBe(503);
    expect(await viaTrpc.json()).toMatchObject({
      error: { data: { code: "SERVICE_UNAVAILABLE", errorCode: "SERVICE_UNAVAILABLE" } },
    });

    await relay.restore();
    const after = await send("GET", "/api/cleanings", account.token);
    expect(after.status).toBe(200);
    // The cleaning written before is there; the one refused during the outage is not.
    const names = ((await after.json()) as { name: string }[]).map((cleaning) => cleaning.name);
    expect(names).toEqual(["Before the outage"]);
    const written = await send("POST", "/api/cleanings", account.token, {
      new_cleaning: { name: "After the outage", price: 30 },
    });
    expect(written.status).toBe(201);
  });
});
