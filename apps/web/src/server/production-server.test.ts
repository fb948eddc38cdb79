// The production build (`next build` must have run: turbo's test task depends on it), started
// as `pnpm start` starts it, on an embedded database in a temporary directory.
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type RunningServer,
  startProductionServer,
  stopProductionServer,
  untilPrinted,
} from "./testing.ts";

const dataDirectory = mkdtempSync(path.join(os.tmpdir(), "phresh-web-"));
afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

const startServer = (environment: Record<string, string> = {}) =>
  startProductionServer(dataDirectory, environment);
const stop = stopProductionServer;

async function post(server: RunningServer, path: string, body: unknown, token?: string) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** Sign-up as a person does it: register, open the mail in the development mailbox, verify, log in. */
async function signUp(server: RunningServer): Promise<string> {
  const account = { email: "stairs@example.com", name: "stairs", password: "Clean-stairs-1" };
  expect((await post(server, "/api/users", { new_user: account })).status).toBe(201);
  const outbox = (await (await fetch(`${server.url}/api/dev/outbox`)).json()) as {
    to: string;
    text: string;
  }[];
  const link = /http\S+\/verify\?token=(\S+)/.exec(
    outbox.find((mail) => mail.to === account.email)?.text ?? "",
  );
  expect(
    (await post(server, "/api/users/verify", { token: decodeURIComponent(link?.[1] ?? "") }))
      .status,
  ).toBe(200);
  const login = await fetch(`${server.url}/api/token`, {
    method: "POST",
    body: new URLSearchParams({ username: account.email, password: account.password }),
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { access_token: string }).access_token;
}

describe("the production server on the embedded database", () => {
  it("serves accounts and cleanings, and keeps rows and sessions across a restart", async () => {
    const first = await startServer();
    expect(first.output()).toMatch(/Phresh database ready \(.*pglite, applied \d+ migration/);
    expect(first.output()).toContain("SECRET_KEY is not set: generated one for development");
    const token = await signUp(first);
    const created = await post(
      first,
      "/api/cleanings",
      { new_cleaning: { name: "Stairwell", price: 80 } },
      token,
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await fetch(`${first.url}/`)).status).toBe(200);

    expect(await stop(first)).toBe(0);
    expect(existsSync(path.join(`${dataDirectory}`, "pglite.lock"))).toBe(false);
    // The log line of an authenticated request names its user.
    const creation = first
      .output()
      .split("\n")
      .find((line) => line.includes('"method":"POST","route":"/api/cleanings"'));
    expect(JSON.parse(creation ?? "{}")).toMatchObject({ status: 201, userId: expect.any(String) });
    // The log of the whole sign-up holds neither the password nor the token it gave out.
    expect(first.output()).not.toContain("Clean-stairs-1");
    expect(first.output()).not.toContain(token);

    const second = await startServer();
    try {
      expect(second.output()).toMatch(/Phresh database ready \(.*pglite\)/);
      expect(second.output()).not.toContain("SECRET_KEY is not set");
      // Same generated secret: the token issued before the restart still works.
      const found = await fetch(`${second.url}/api/cleanings/${id}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(found.status).toBe(200);
      expect(await found.json()).toMatchObject({ id, name: "Stairwell", price: 80 });
      expect(second.output()).not.toContain("Clean-stairs-1");
      expect(second.output()).not.toContain(token);
    } finally {
      await stop(second);
    }
  });

  it("sets security headers and a request id, and logs one line per request without secrets", async () => {
    const server = await startServer();
    try {
      const page = await fetch(`${server.url}/login`, {
        headers: { "X-Forwarded-For": "198.51.100.66" },
      });
      expect(page.status).toBe(200);
      const csp = page.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-eval");
      // Scripts run by nonce, not 'unsafe-inline': every script of the page carries this one.
      const scriptSources = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
      expect(scriptSources).not.toContain("unsafe-inline");
      const nonce = /'nonce-([^']+)'/.exec(scriptSources)?.[1];
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      const scripts = [...(await page.text()).matchAll(/<script\b[^>]*>/g)].map((tag) => tag[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      const again = await fetch(`${server.url}/login`);
      expect(again.headers.get("content-security-policy")).not.toContain(nonce);
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
      expect(page.headers.get("referrer-policy")).toBe("same-origin");
      expect(page.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      const echoed = await fetch(`${server.url}/api/openapi.json`, {
        headers: { "X-Request-Id": "trace-42" },
      });
      expect(echoed.headers.get("x-request-id")).toBe("trace-42");

      const password = "Logged-never-1";
      const login = await fetch(`${server.url}/api/token`, {
        method: "POST",
        body: new URLSearchParams({ username: "nobody@example.com", password }),
      });
      expect(login.status).toBe(400);
      // A request is logged once its answer is sent: wait for the line rather than a set time.
      await untilPrinted(server, '"route":"/api/token"', 60_000);
      const lines = server
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const pageLine = lines.find((line) => line.route === "/login");
      expect(pageLine).toMatchObject({
        method: "GET",
        status: 200,
        client: "127.0.0.1",
        requestId: expect.any(String),
      });
      expect(lines.find((line) => line.requestId === "trace-42")).toMatchObject({
        route: "/api/openapi.json",
      });
      expect(lines.find((line) => line.route === "/api/token")).toMatchObject({ status: 400 });
      // A spoofed X-Forwarded-For from an untrusted peer does not become the client address.
      expect(server.output()).not.toContain("198.51.100.66");
      expect(server.output()).not.toContain(password);
    } finally {
      await stop(server);
    }
  });

  it("on SIGTERM finishes the requests in flight, then closes the database cleanly", async () => {
    const server = await startServer();
    const burst = Array.from({ length: 20 }, (_, index) =>
      post(server, "/api/users", {
        new_user: {
          email: `burst${index}@example.com`,
          name: `burst_${index}`,
          password: "Burst-pass-12",
        },
      }).then((response) => response.status),
    );
    // Password hashing runs a few at a time: once the first answer is back, most are still to come.
    await Promise.race(burst);
    const exitCode = stop(server);
    const statuses = await Promise.all(burst.map((status) => status.catch(() => 0)));
    expect(await exitCode).toBe(0);
    const stopping = /"inFlight":(\d+),"msg":"stopping/.exec(server.output());
    expect(Number(stopping?.[1])).toBeGreaterThan(0);
    // Every request that was accepted got its answer; none was cut off.
    const answered = statuses.filter((status) => status === 201).length;
    expect(statuses.every((status) => status === 201 || status === 0)).toBe(true);
    expect(existsSync(path.join(dataDirectory, "pglite.lock"))).toBe(false);

    const again = await startServer();
    try {
      const users = await fetch(`${again.url}/api/users/request-verify-token`, {
        method: "OPTIONS",
      });
      expect(users.status).toBe(204);
      // Each acknowledged registration is there: registering it again is refused as a duplicate.
      let duplicates = 0;
      for (let index = 0; index < 20; index++) {
        const response = await post(again, "/api/users", {
          new_user: {
            email: `burst${index}@example.com`,
            name: `other_${index}`,
            password: "Burst-pass-12",
          },
        });
        if (response.status === 400) duplicates += 1;
      }
      expect(duplicates).toBe(answered);
      expect(answered).toBeGreaterThan(0);
    } finally {
      await stop(again);
    }
  });

  it("keeps every acknowledged write after a kill -9 in a burst of writes, and no partial row", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "phresh-kill-"));
    const server = await startProductionServer(directory);
    const token = await signUp(server);
    const description = "d".repeat(500);
    const acknowledged = new Map<number, string>();
    let sent = 0;
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const name = `Burst ${sent++}`;
        const cleaning = { name, price: 12.25, description };
        try {
          const response = await post(server, "/api/cleanings", { new_cleaning: cleaning }, token);
          const body = (await response.json()) as { id: number };
          if (response.status === 201) acknowledged.set(body.id, name);
        } catch {
          // Cut off by the kill: not acknowledged, so it may or may not have been stored.
        }
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    while (acknowledged.size < 150) await new Promise((resolve) => setTimeout(resolve, 5));
    server.process.kill("SIGKILL");
    killed = true;
    await Promise.all(writers);
    await server.exited;

    const again = await startProductionServer(directory);
    try {
      const response = await fetch(`${again.url}/api/cleanings`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const rows = (await response.json()) as {
        id: number;
        name: string;
        price: number;
        description: string;
      }[];
      const stored = new Map(rows.map((row) => [row.id, row]));
      for (const [id, name] of acknowledged) expect(stored.get(id)?.name).toBe(name);
      // Rows whose answer was cut off may be there too, but only whole.
      for (const row of rows) {
        expect(row).toMatchObject({ price: 12.25, description });
        expect(row.name).toMatch(/^Burst \d+$/);
      }
      expect(rows.length).toBeLessThanOrEqual(sent);
    } finally {
      await stop(again);
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("refuses to open a data directory another server has open, in one readable line", async () => {
    const first = await startServer();
    try {
      const second = await startServer();
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(
        `Phresh cannot start: The embedded database ${path.join(dataDirectory, "pglite")} is already open by process`,
      );
      expect(second.output()).not.toMatch(/\n\s+at /); // no stack trace
      expect((await fetch(`${first.url}/api/openapi.json`)).status).toBe(200);
    } finally {
      await stop(first);
    }
  });

  it("names a port that is taken in one readable line, and closes its database before exiting", async () => {
    const holder = createServer().listen(0, "127.0.0.1");
    await once(holder, "listening");
    const { port } = holder.address() as AddressInfo;
    try {
      const server = await startServer({ PORT: String(port) });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(
        `Phresh cannot start: port ${port} of 127.0.0.1 is in use. Stop what listens there, or set PORT to another port.`,
      );
      expect(server.output()).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(path.join(dataDirectory, "pglite.lock"))).toBe(false);
    } finally {
      holder.close();
    }
  });

  it("stops with one readable line when PostgreSQL cannot be reached", async () => {
    const server = await startServer({
      DATABASE_URL: "postgres://phresh:hunter2-secret@127.0.0.1:1/phresh",
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(
      "Phresh cannot start: Cannot connect to PostgreSQL at 127.0.0.1:1/phresh (connection refused)",
    );
    expect(server.output()).not.toContain("hunter2-secret");
  });
});
