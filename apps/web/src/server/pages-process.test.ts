// On PostgreSQL the production server renders pages in a process of its own (pages-process.ts),
// so that the process serving the API never loads Next.js. Needs the production build, like
// production-server.test.ts; CI's PostgreSQL pass runs it.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPostgresTestDatabase, testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  childProcessIds,
  freePort,
  type RunningServer,
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

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** This machine's address on a network interface, to reach the server as another machine would. */
function nonLoopbackAddress(): string {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry?.family === "IPv4" && !entry.internal)?.address;
  if (!address) throw new Error("this test needs a network interface besides loopback");
  return address;
}

describe.runIf(testDatabaseKind === "postgres")("pages on PostgreSQL", () => {
  const dataDirectory = mkdtempSync(path.join(os.tmpdir(), "phresh-pages-process-"));
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let server: RunningServer;
  let serverPid: number;
  let port: number;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    port = await freePort();
    server = await startProductionServer(dataDirectory, {
      DATABASE_URL: database.url,
      WEB_CONCURRENCY: "1",
      HOSTNAME: "0.0.0.0",
      PORT: String(port),
    });
    serverPid = server.process.pid ?? 0;
    server.url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (server) await stopProductionServer(server);
    await database?.drop();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it("renders them in a process of its own, started by the first page, with the server's headers", async () => {
    expect((await fetch(`${server.url}/api/openapi.json`)).status).toBe(200);
    expect(pagesProcesses(serverPid)).toEqual([]);

    const page = await fetch(`${server.url}/login`, { headers: { "X-Request-Id": "first-page" } });
    expect(page.status).toBe(200);
    expect(pagesProcesses(serverPid)).toHaveLength(1);
    expect(page.headers.get("x-request-id")).toBe("first-page");
    // The nonce the serving process put in the policy is the one Next stamped on the scripts.
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(await page.text()).toContain(`nonce="${nonce}"`);

    const privatePage = await fetch(`${server.url}/account`, { redirect: "manual" });
    expect(privatePage.status).toBe(307);
    expect(privatePage.headers.get("location")).toBe("/login?next=%2Faccount");
    expect(privatePage.headers.get("x-frame-options")).toBe("DENY");
  });

  it("judges the development mailbox by the visitor's socket, whatever headers claim", async () => {
    const forged = JSON.stringify({ requestId: "forged", peerAddress: "127.0.0.1" });
    const outside = await fetch(`http://${nonLoopbackAddress()}:${port}/dev/mailbox`, {
      headers: { "X-Phresh-Request-Context": forged, "X-Forwarded-For": "127.0.0.1" },
    });
    expect(outside.status).toBe(404);
    expect((await fetch(`${server.url}/dev/mailbox`)).status).toBe(200);
  });

  it("starts another pages process when its pages process died", async () => {
    await fetch(`${server.url}/login`);
    const [first] = pagesProcesses(serverPid);
    if (first === undefined) throw new Error("no pages process");
    process.kill(first, "SIGKILL");
    while (isRunning(first)) await new Promise((resolve) => setTimeout(resolve, 50));

    expect((await fetch(`${server.url}/login`)).status).toBe(200);
    const now = pagesProcesses(serverPid);
    expect(now).toHaveLength(1);
    expect(now).not.toContain(first);
    expect((await fetch(`${server.url}/api/openapi.json`)).status).toBe(200);
  });

  it("stops its pages process with it on SIGTERM, with code 0", async () => {
    await fetch(`${server.url}/login`);
    const [pages] = pagesProcesses(serverPid);
    if (pages === undefined) throw new Error("no pages process");
    expect(await stopProductionServer(server)).toBe(0);
    expect(isRunning(pages)).toBe(false);
    expect(server.output()).toContain('"reason":"SIGTERM","msg":"pages process stopping"');
  });
});

describe.runIf(testDatabaseKind === "postgres")("pages of a PostgreSQL cluster", () => {
  const dataDirectory = mkdtempSync(path.join(os.tmpdir(), "phresh-pages-cluster-"));
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    server = await startProductionServer(dataDirectory, {
      DATABASE_URL: database.url,
      WEB_CONCURRENCY: "2",
    });
  });
  afterAll(async () => {
    if (server) await stopProductionServer(server);
    await database?.drop();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it("come from one pages process that the primary keeps for all its workers", async () => {
    const primary = server.process.pid ?? 0;
    // Fresh connections go to the workers in turn.
    for (let index = 0; index < 6; index++) {
      const page = await fetch(`${server.url}/login`, { headers: { Connection: "close" } });
      expect(page.status).toBe(200);
      await page.arrayBuffer();
    }
    const pageLines = server
      .output()
      .split("\n")
      .filter((line) => line.includes('"route":"/login"'));
    const servedBy = new Set(pageLines.map((line) => (JSON.parse(line) as { pid: number }).pid));
    expect(servedBy.size).toBe(2);
    expect(pagesProcesses(primary)).toHaveLength(1);
    for (const worker of servedBy) expect(pagesProcesses(worker)).toEqual([]);

    expect(await stopProductionServer(server)).toBe(0);
    expect(server.output()).toContain('"reason":"SIGTERM","msg":"pages process stopping"');
  });
});
