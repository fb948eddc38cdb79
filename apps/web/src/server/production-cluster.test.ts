// How many processes the production server (`pnpm start`) runs: on PostgreSQL a primary and
// WEB_CONCURRENCY workers (by default a core is left to a PostgreSQL on this machine; one worker
// serves alone), on the embedded database one process. Needs the production
// build, like production-server.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPostgresTestDatabase, testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  childProcessIds,
  type RunningServer,
  startProductionServer,
  stopProductionServer,
  untilPrinted,
} from "./testing.ts";

const dataDirectory = mkdtempSync(path.join(os.tmpdir(), "phresh-cluster-"));
afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

/** Sends `count` requests, each on a fresh connection, and expects each answered. */
async function askOnFreshConnections(server: RunningServer, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const response = await fetch(`${server.url}/api/openapi.json`, {
      headers: { Connection: "close" },
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  }
}

/** Resolves with the child processes of `pid` once `wanted` holds of them, checking every 100 ms. */
async function untilChildren(pid: number, wanted: (children: number[]) => boolean) {
  for (;;) {
    const children = childProcessIds(pid);
    if (wanted(children)) return children;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function processOf(server: RunningServer): number {
  const pid = server.process.pid;
  if (pid === undefined) throw new Error("the server did not start");
  return pid;
}

/**
 * The processes that answered requests, from the pid in each request's log line, once `count`
 * lines are in (a line is written once its answer is sent, so it may trail the answer).
 */
async function loggingPids(server: RunningServer, count: number): Promise<Set<number>> {
  for (;;) {
    const lines = server
      .output()
      .split("\n")
      .filter((line) => line.includes('"msg":"request"'));
    if (lines.length >= count)
      return new Set(lines.map((line) => (JSON.parse(line) as { pid: number }).pid));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the production server on the embedded database", () => {
  it("stays one process, whatever WEB_CONCURRENCY says (one process per data directory)", async () => {
    const server = await startProductionServer(dataDirectory, { WEB_CONCURRENCY: "3" });
    try {
      expect(server.output()).toContain("Phresh is ready:");
      expect(childProcessIds(processOf(server))).toEqual([]);
      await askOnFreshConnections(server, 5);
      expect(await loggingPids(server, 5)).toEqual(new Set([processOf(server)]));
    } finally {
      expect(await stopProductionServer(server)).toBe(0);
    }
  });
});

// A PostgreSQL server is needed; CI's PostgreSQL pass runs these.
describe.runIf(testDatabaseKind === "postgres")("the production server on PostgreSQL", () => {
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  beforeAll(async () => {
    created = await createPostgresTestDatabase();
  });
  afterAll(async () => {
    await created?.drop();
  });
  const startOnPostgres = (environment: Record<string, string>) =>
    startProductionServer(dataDirectory, { DATABASE_URL: created.url, ...environment });

  it("runs WEB_CONCURRENCY workers that all answer, after migrating once in the primary", async () => {
    const server = await startOnPostgres({ WEB_CONCURRENCY: "3" });
    try {
      expect(server.output()).toContain("Phresh is ready:");
      const workers = childProcessIds(processOf(server));
      expect(workers).toHaveLength(3);
      expect(server.output().match(/Phresh database ready/g)).toHaveLength(1);
      expect(server.output().match(/Phresh is ready:/g)).toHaveLength(1);
      // The primary hands connections round robin: enough fresh connections reach every worker.
      await askOnFreshConnections(server, 12);
      expect(await loggingPids(server, 12)).toEqual(new Set(workers));
    } finally {
      expect(await stopProductionServer(server)).toBe(0);
    }
  });

  it("leaves a core to this machine's PostgreSQL by default, serving one worker without a primary", async () => {
    const server = await startOnPostgres({ WEB_CONCURRENCY: "" });
    try {
      const expected = Math.max(1, os.availableParallelism() - 1);
      const workers = childProcessIds(processOf(server));
      // One worker: the process serves alone (its migrations ran in it), so it has no children.
      expect(workers).toHaveLength(expected === 1 ? 0 : expected);
      await askOnFreshConnections(server, 4);
    } finally {
      expect(await stopProductionServer(server)).toBe(0);
    }
  });

  it("replaces a worker that dies", async () => {
    const server = await startOnPostgres({ WEB_CONCURRENCY: "2" });
    try {
      const primary = processOf(server);
      const workers = childProcessIds(primary);
      expect(workers).toHaveLength(2);
      const [killed, ...others] = workers;
      process.kill(killed ?? 0, "SIGKILL");
      // The dead worker stays listed until the primary has reaped it.
      const replaced = await untilChildren(
        primary,
        (children) => children.length === workers.length && !children.includes(killed ?? 0),
      );
      expect(replaced).toEqual(expect.arrayContaining(others));
      await untilPrinted(server, '"msg":"a worker stopped; starting another"');
      expect(server.output()).toContain('"msg":"a worker stopped; starting another"');
      await askOnFreshConnections(server, 4);
    } finally {
      expect(await stopProductionServer(server)).toBe(0);
    }
  });

  it("on SIGTERM lets each worker finish and close its database, then stops with code 0", async () => {
    const server = await startOnPostgres({ WEB_CONCURRENCY: "2" });
    const workers = childProcessIds(processOf(server));
    expect(await stopProductionServer(server)).toBe(0);
    expect(server.output().match(/"msg":"stopped"/g)).toHaveLength(workers.length + 1);
    for (const worker of workers) expect(() => process.kill(worker, 0)).toThrow();
  });

  it("refuses a WEB_CONCURRENCY that is not a number of workers, in one readable line", async () => {
    const server = await startOnPostgres({ WEB_CONCURRENCY: "lots" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(
      'Phresh cannot start: WEB_CONCURRENCY must be a whole number of worker processes from 1 to 256, not "lots".',
    );
  });
});
