// On PostgreSQL the production server renders pages in a process of its own (pages-process.ts),
// so that the process serving the API never loads Next.js. Needs the production build, like
// production-server.test.ts; CI's PostgreSQL pass runs it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createPostgresTestDatabase, testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  childProcessIds,
  nonLoopbackAddress,
  type RunningServer,
  signUp,
  startProductionServer,
  stopProductionServer,
} from "./testing.ts";

/** The child processes of `pid` started in the pages role. */
function pagesProcesses(pid: number): number[] {
  return childProcessIds(pid).filter((child) => {
    try {
      const environment = readFileSync(`/proc/${child}/environ`, "utf8").split("\0");
      return environment.includes("PHRESH_SERVER_ROLE=pages");
    } catch {
      return false; // gone between listing and reading
    }
  });
}

/** The socket the pages process `pid` listens on (its environment names it). */
function pagesSocket(pid: number): string {
  const entry = readFileSync(`/proc/${pid}/environ`, "utf8")
    .split("\0")
    .find((variable) => variable.startsWith("PHRESH_PAGES_SOCKET="));
  if (!entry) throw new Error(`process ${pid} names no pages socket`);
  return entry.slice("PHRESH_PAGES_SOCKET=".length);
}

/**
 * Whether bytes or connections wait, unread, at `socketPath` (iproute2's `ss`: the receive queue
 * of a connection to it, or the backlog of its listening socket).
 */
function somethingWaitsAt(socketPath: string): boolean {
  return execFileSync("ss", ["-xan"], { encoding: "utf8" })
    .split("\n")
    .some((line) => {
      const [, , receiveQueue, , local] = line.trim().split(/\s+/);
      return local === socketPath && Number(receiveQueue) > 0;
    });
}

/**
 * Kills the pages process of the server whose process `keeperPid` keeps it while a page is on its
 * way to it, and expects the page all the same, from its successor.
 */
async function expectPageServedThroughDeath(server: RunningServer, keeperPid: number) {
  await (await fetch(`${server.url}/login`)).arrayBuffer();
  const [first] = pagesProcesses(keeperPid);
  if (first === undefined) throw new Error("no pages process");
  // Stopped, it reads nothing: the page waits at its socket until it is killed.
  process.kill(first, "SIGSTOP");
  const page = fetch(`${server.url}/login`);
  const socketPath = pagesSocket(first);
  while (!somethingWaitsAt(socketPath)) await new Promise((resolve) => setTimeout(resolve, 20));
  process.kill(first, "SIGKILL");

  const answer = await page;
  expect(answer.status).toBe(200);
  expect(await answer.text()).toContain("<form");
  expect(pagesProcesses(keeperPid)).not.toContain(first);
  expect(server.output()).toContain("the pages process could not be reached; again");
}

/**
 * A production server for one describe block, on a PostgreSQL test database of its own;
 * `allInterfaces`: it listens on every address (for the tests that reach it from outside).
 */
function serverOnItsOwnDatabase(
  name: string,
  options: { workers: string; allInterfaces?: boolean },
): () => RunningServer {
  // Made in beforeAll: on PGlite the block is skipped, and nothing may be left behind.
  let dataDirectory = "";
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>> | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    dataDirectory = mkdtempSync(path.join(os.tmpdir(), `phresh-pages-${name}-`));
    database = await createPostgresTestDatabase();
    server = await startProductionServer(dataDirectory, {
      DATABASE_URL: database.url,
      WEB_CONCURRENCY: options.workers,
      ...(options.allInterfaces ? { HOSTNAME: "0.0.0.0" } : {}),
    });
  });
  afterAll(async () => {
    if (server) await stopProductionServer(server);
    await database?.drop();
    if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
  });
  return () => {
    if (!server) throw new Error("the server has not started");
    return server;
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.runIf(testDatabaseKind === "postgres")("pages on PostgreSQL", () => {
  const server = serverOnItsOwnDatabase("process", { workers: "1", allInterfaces: true });
  const serverPid = () => server().process.pid ?? 0;
  const port = () => Number(new URL(server().url).port);

  it("renders them in a process of its own, started by the first page, with the server's headers", async () => {
    expect((await fetch(`${server().url}/api/openapi.json`)).status).toBe(200);
    expect(pagesProcesses(serverPid())).toEqual([]);

    const page = await fetch(`${server().url}/login`, {
      headers: { "X-Request-Id": "first-page" },
    });
    expect(page.status).toBe(200);
    expect(pagesProcesses(serverPid())).toHaveLength(1);
    expect(page.headers.get("x-request-id")).toBe("first-page");
    // The nonce the serving process put in the policy is the one Next stamped on the scripts.
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(await page.text()).toContain(`nonce="${nonce}"`);

    const privatePage = await fetch(`${server().url}/account`, { redirect: "manual" });
    expect(privatePage.status).toBe(307);
    expect(privatePage.headers.get("location")).toBe("/login?next=%2Faccount");
    expect(privatePage.headers.get("x-frame-options")).toBe("DENY");
  });

  it("logs a page with the user it was rendered for, and keeps that header to itself", async () => {
    const account = { email: "pages@example.com", name: "pages", password: "Clean-pages-1" };
    const { token } = await signUp(server().url, account);

    const page = await fetch(`${server().url}/account`, {
      headers: { Cookie: `phresh_session=${token}`, "X-Request-Id": "account-page" },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get("x-phresh-user-id")).toBeNull();
    await page.text();
    // The line is written once the answer is sent: it may trail the answer a little.
    let line: string | undefined;
    while (!line) {
      line = server()
        .output()
        .split("\n")
        .find((entry) => entry.includes('"requestId":"account-page"'));
      if (!line) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(JSON.parse(line)).toMatchObject({
      route: "/account",
      userId: expect.any(String),
    });
  });

  it("judges the development mailbox by the visitor's socket, whatever headers claim", async () => {
    const forged = JSON.stringify({ requestId: "forged", peerAddress: "127.0.0.1" });
    const outside = await fetch(`http://${nonLoopbackAddress()}:${port()}/dev/mailbox`, {
      headers: { "X-Phresh-Request-Context": forged, "X-Forwarded-For": "127.0.0.1" },
    });
    expect(outside.status).toBe(404);
    expect((await fetch(`${server().url}/dev/mailbox`)).status).toBe(200);
  });

  it.each([
    {
      framing: "chunked",
      framed: (body: string) => [
        "Transfer-Encoding: chunked",
        "Connection: close",
        "",
        `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`,
      ],
    },
    {
      // Connection names the headers a proxy drops: the length must come back all the same.
      framing: "a length its Connection header names",
      framed: (body: string) => [
        `Content-Length: ${Buffer.byteLength(body)}`,
        "Connection: content-length, close",
        "",
        body,
      ],
    },
  ])(
    "passes a body on with its own framing ($framing), and no request hidden in it is answered",
    async ({ framed }) => {
      // A GET whose body is the start of a second request: were the body passed on unframed,
      // the pages process would wait for that request's end, and the next visitor's request on
      // the kept connection would end it: that visitor would get the page the body chose, with
      // the visitor's own headers (here the development mailbox, shown to this machine only).
      const smuggled = ["GET /dev/mailbox HTTP/1.1", "X-Ended-By-The-Next-Request: "].join("\r\n");
      const raw = await new Promise<string>((resolve, reject) => {
        // Written, not ended: the answer closes the connection (Connection: close).
        const socket = net.connect(port(), nonLoopbackAddress(), () => {
          socket.write(
            ["GET /login HTTP/1.1", "Host: localhost", ...framed(smuggled)].join("\r\n"),
          );
        });
        let received = "";
        socket.on("data", (chunk) => {
          received += chunk;
        });
        socket.on("end", () => resolve(received));
        socket.on("error", reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 200 /);
      expect(raw).toContain("<title>Log in");
      expect(raw).not.toContain("Development mailbox");
      // Nor is an answer to it left waiting for the next page on a kept connection.
      for (let index = 0; index < 4; index++) {
        const page = await fetch(`${server().url}/login`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain("<title>Log in");
      }
    },
  );

  it("refuses, in the pages process, a request whose context is not signed with their secret", async () => {
    await fetch(`${server().url}/login`);
    const [pages] = pagesProcesses(serverPid());
    if (pages === undefined) throw new Error("no pages process");
    const socketPath = readFileSync(`/proc/${pages}/environ`, "utf8")
      .split("\0")
      .find((entry) => entry.startsWith("PHRESH_PAGES_SOCKET="))
      ?.slice("PHRESH_PAGES_SOCKET=".length);
    if (!socketPath) throw new Error("no socket path");
    const context = { requestId: "forged", peerAddress: "127.0.0.1", clientAddress: "127.0.0.1" };
    const statusWith = (header: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const request = http.get(
          { socketPath, path: "/dev/mailbox", headers: { "X-Phresh-Request-Context": header } },
          (response) => {
            response.resume();
            resolve(response.statusCode);
          },
        );
        request.on("error", reject);
      });
    expect(await statusWith(JSON.stringify({ ...context, secret: "guess" }))).toBe(400);
    expect(await statusWith(JSON.stringify(context))).toBe(400);
    expect(await statusWith("not json")).toBe(400);
  });

  it("answers HEAD for a page with its head only", async () => {
    const head = await fetch(`${server().url}/login`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await head.text()).toBe("");
    expect((await fetch(`${server().url}/login`)).status).toBe(200);
  });

  it("starts another pages process when its pages process died", async () => {
    await fetch(`${server().url}/login`);
    const [first] = pagesProcesses(serverPid());
    if (first === undefined) throw new Error("no pages process");
    process.kill(first, "SIGKILL");
    while (isRunning(first)) await new Promise((resolve) => setTimeout(resolve, 50));

    expect((await fetch(`${server().url}/login`)).status).toBe(200);
    const now = pagesProcesses(serverPid());
    expect(now).toHaveLength(1);
    expect(now).not.toContain(first);
    expect((await fetch(`${server().url}/api/openapi.json`)).status).toBe(200);
  });

  it("serves a page that was on its way to a pages process when it died", async () => {
    await expectPageServedThroughDeath(server(), serverPid());
  });

  it("stops its pages process with it on SIGTERM, with code 0", async () => {
    await fetch(`${server().url}/login`);
    const [pages] = pagesProcesses(serverPid());
    if (pages === undefined) throw new Error("no pages process");
    expect(await stopProductionServer(server())).toBe(0);
    expect(isRunning(pages)).toBe(false);
    expect(server().output()).toContain('"reason":"SIGTERM","msg":"pages process stopping"');
  });
});

describe.runIf(testDatabaseKind === "postgres")("pages of a PostgreSQL cluster", () => {
  const server = serverOnItsOwnDatabase("cluster", { workers: "2" });

  it("are served by the primary's next pages process when the last died on a page's way", async () => {
    await expectPageServedThroughDeath(server(), server().process.pid ?? 0);
  });

  it("come from one pages process that the primary keeps for all its workers", async () => {
    const primary = server().process.pid ?? 0;
    // Fresh connections go to the workers in turn.
    for (let index = 0; index < 6; index++) {
      const page = await fetch(`${server().url}/login`, { headers: { Connection: "close" } });
      expect(page.status).toBe(200);
      await page.arrayBuffer();
    }
    const pageLines = server()
      .output()
      .split("\n")
      .filter((line) => line.includes('"route":"/login"'));
    const servedBy = new Set(pageLines.map((line) => (JSON.parse(line) as { pid: number }).pid));
    expect(servedBy.size).toBe(2);
    expect(pagesProcesses(primary)).toHaveLength(1);
    for (const worker of servedBy) expect(pagesProcesses(worker)).toEqual([]);

    expect(await stopProductionServer(server())).toBe(0);
    expect(server().output()).toContain('"reason":"SIGTERM","msg":"pages process stopping"');
  });
});

describe.runIf(testDatabaseKind === "postgres")("a pages process whose server was killed", () => {
  const server = serverOnItsOwnDatabase("orphan", { workers: "1" });

  it("stops, and removes its socket's directory, which its server could not", async () => {
    expect((await fetch(`${server().url}/login`)).status).toBe(200);
    const [pages] = pagesProcesses(server().process.pid ?? 0);
    if (pages === undefined) throw new Error("no pages process");
    const socketDirectory = path.dirname(pagesSocket(pages));
    expect(existsSync(socketDirectory)).toBe(true);

    server().process.kill("SIGKILL");
    await server().exited;
    while (isRunning(pages)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(socketDirectory)).toBe(false);
  });
});
