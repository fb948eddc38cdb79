import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { IDLE_CONNECTIONS_KEPT, openDatabase } from "./connection.ts";
import { lockFilePath } from "./directory-lock.ts";
import {
  DatabaseUnavailableError,
  DataDirectoryLockedError,
  isDatabaseUnavailable,
} from "./errors.ts";
import { createPostgresTestDatabase, openTestDatabase, testDatabaseKind } from "./testing.ts";

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

function temporaryDataDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), "phresh-connection-"));
  directories.push(directory);
  return path.join(directory, "pglite");
}

describe("embedded database", () => {
  it("creates and migrates a new data directory, and keeps rows across a restart", async () => {
    const dataDirectory = temporaryDataDirectory();
    const first = await openDatabase({ kind: "pglite", dataDirectory });
    const created = await first.prisma.cleaning.create({
      data: { name: "Windows", price: "12.50", cleaningType: "full_clean" },
    });
    await first.close();

    const second = await openDatabase({ kind: "pglite", dataDirectory });
    const found = await second.prisma.cleaning.findUnique({ where: { id: created.id } });
    await second.close();
    expect(found?.name).toBe("Windows");
    expect(found?.price.toString()).toBe("12.5");
  });

  it("keeps its buffer pool at 32 MB, since its memory never shrinks", async () => {
    const database = await openDatabase({ kind: "pglite" });
    try {
      const [setting] = await database.prisma.$queryRaw<
        { shared_buffers: string }[]
      >`SHOW shared_buffers`;
      expect(setting?.shared_buffers).toBe("32MB");
    } finally {
      await database.close();
    }
  });

  it("refuses a second opener of the same data directory with a clear message", async () => {
    const dataDirectory = temporaryDataDirectory();
    const first = await openDatabase({ kind: "pglite", dataDirectory });
    try {
      const second = openDatabase({ kind: "pglite", dataDirectory });
      await expect(second).rejects.toThrow(DataDirectoryLockedError);
      await expect(second).rejects.toThrow(`${dataDirectory} is already open by this process`);
    } finally {
      await first.close();
    }
    // Released on close: opening again works.
    await (await openDatabase({ kind: "pglite", dataDirectory })).close();
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const dataDirectory = temporaryDataDirectory();
    await (await openDatabase({ kind: "pglite", dataDirectory })).close();
    const deadPid = 2 ** 22 + 1; // above Linux's pid_max default: no such process
    writeFileSync(lockFilePath(dataDirectory), String(deadPid));
    const reopened = await openDatabase({ kind: "pglite", dataDirectory });
    await reopened.close();
  });
});

describe("PostgreSQL connection", () => {
  it("reports an unreachable server in one line, without the password", async () => {
    const attempt = openDatabase({
      kind: "postgres",
      url: "postgres://phresh:s3cret-pw@127.0.0.1:1/phresh",
    });
    await expect(attempt).rejects.toThrow(DatabaseUnavailableError);
    const error = await attempt.then(
      () => new Error("opened"),
      (caught: Error) => caught,
    );
    expect(error.message).toBe(
      "Cannot connect to PostgreSQL at 127.0.0.1:1/phresh (connection refused). Is the server running and DATABASE_URL right?",
    );
    expect(error.message).not.toContain("s3cret-pw");
  });

  it("opens without reaching the server when the migrations are left to another process, and its first query reports the outage", async () => {
    const database = await openDatabase(
      { kind: "postgres", url: "postgres://phresh@127.0.0.1:1/phresh" },
      { migrate: false },
    );
    try {
      expect(database.appliedMigrations).toEqual([]);
      const query = database.prisma.$queryRaw`SELECT 1`;
      await expect(query).rejects.toSatisfy(isDatabaseUnavailable);
    } finally {
      await database.close();
    }
  });
});

describe.runIf(testDatabaseKind === "postgres")("the PostgreSQL pool", () => {
  it("keeps a few connections open however long it idles, and closes the others", async () => {
    const created = await createPostgresTestDatabase();
    const database = await openDatabase(
      { kind: "postgres", url: created.url },
      { poolSize: 5, idleConnectionTimeoutMs: 20 },
    );
    try {
      const { prisma } = database;
      // Five statements at once take five connections; each reports its own backend.
      const backends = await Promise.all(
        Array.from(
          { length: 5 },
          () =>
            prisma.$queryRaw<
              { pid: number }[]
            >`SELECT pg_backend_pid() AS pid, pg_sleep(0.2)::text AS slept`,
        ),
      );
      const pids = backends.map(([row]) => row?.pid);
      expect(new Set(pids).size).toBe(5);
      // Far past the idle timeout, however slow the machine: the extra three close.
      const open = async () => {
        const [row] = await prisma.$queryRaw<{ open: number }[]>`
          SELECT count(*)::int AS open FROM pg_stat_activity WHERE pid = ANY(${pids}::int[])`;
        return row?.open;
      };
      await expect.poll(open, { timeout: 30_000, interval: 100 }).toBe(IDLE_CONNECTIONS_KEPT);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await open()).toBe(IDLE_CONNECTIONS_KEPT);
    } finally {
      await database.close();
      await created.drop();
    }
  });
});

describe(`a failed statement on ${testDatabaseKind}`, () => {
  it("is reported by Prisma's own words, without quoting the code that made it", async () => {
    const database = await openTestDatabase();
    const account = (email: string, name: string) => ({
      id: randomUUID(),
      email,
      name,
      nameKey: name,
      hashedPassword: "not a hash",
    });
    try {
      await database.prisma.user.create({ data: account("taken@example.com", "first") });
      const failure = database.prisma.user.create({
        data: account("taken@example.com", "second"),
      });
      const error = await failure.catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "P2002" });
      const { message } = error as Error;
      expect(message).toContain("Unique constraint failed");
      // Prisma's default format names this file and quotes its lines around the call.
      expect(message).not.toContain("connection.test.ts");
      expect(message).not.toContain("taken@example.com");
    } finally {
      await database.close();
    }
  });
});
