import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "./connection.ts";
import {
  type MaintainedDatabase,
  maintainEmbeddedDatabase,
  startEmbeddedMaintenance,
} from "./embedded-maintenance.ts";
import { PgliteThread } from "./pglite-thread.ts";

type Counts = { vacuums: number; analyses: number; dead: number };

/** A table's vacuums, analyses and dead rows, as PostgreSQL counts them; `$1` names the table. */
const COUNTS_OF_TABLE = `
  SELECT vacuum_count::int AS vacuums, analyze_count::int AS analyses, n_dead_tup::int AS dead
  FROM pg_stat_user_tables WHERE relname = $1`;

async function countsOf(
  db: Pick<PgliteThread, "query">,
  table: string,
): Promise<Counts | undefined> {
  // A fresh snapshot of the statistics: within a transaction they would be read once.
  await db.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await db.query<Counts>(COUNTS_OF_TABLE, [table]);
  return rows[0];
}

describe("the embedded database's upkeep pass", () => {
  let db: PgliteThread;

  beforeAll(async () => {
    db = await PgliteThread.start();
  });
  afterAll(() => db.close());

  it("vacuums a table once its dead rows pass autovacuum's threshold, and leaves a quiet one alone", async () => {
    await db.exec(`
      CREATE TABLE churned (id int PRIMARY KEY);
      INSERT INTO churned SELECT generate_series(1, 1000);
      DELETE FROM churned WHERE id > 400;
      CREATE TABLE quiet (id int PRIMARY KEY);
      INSERT INTO quiet SELECT generate_series(1, 10);`);

    expect(await maintainEmbeddedDatabase(db)).toEqual([
      { table: "public.churned", vacuumed: true, analyzed: true },
    ]);
    expect(await countsOf(db, "churned")).toEqual({ vacuums: 1, analyses: 1, dead: 0 });
    expect(await countsOf(db, "quiet")).toEqual({ vacuums: 0, analyses: 0, dead: 0 });
    // Nothing is due any more.
    expect(await maintainEmbeddedDatabase(db)).toEqual([]);
  });

  it("analyses a table whose rows changed since its last statistics, without vacuuming it", async () => {
    await db.exec(`
      CREATE TABLE grown (id int PRIMARY KEY);
      INSERT INTO grown SELECT generate_series(1, 100);`);

    expect(await maintainEmbeddedDatabase(db)).toEqual([
      { table: "public.grown", vacuumed: false, analyzed: true },
    ]);
    expect(await countsOf(db, "grown")).toEqual({ vacuums: 0, analyses: 1, dead: 0 });
  });

  it("vacuums a table after more inserts than autovacuum's insert threshold, with no row dead", async () => {
    // The visibility map of a table only ever inserted into is set by vacuuming it.
    await db.exec(`
      CREATE TABLE appended (id int PRIMARY KEY);
      INSERT INTO appended SELECT generate_series(1, 1100);`);

    expect(await maintainEmbeddedDatabase(db)).toEqual([
      { table: "public.appended", vacuumed: true, analyzed: true },
    ]);
  });

  it("names a table as a quoted identifier", async () => {
    await db.exec(`
      CREATE TABLE "Odd name" (id int PRIMARY KEY);
      INSERT INTO "Odd name" SELECT generate_series(1, 100);`);

    expect(await maintainEmbeddedDatabase(db)).toEqual([
      { table: 'public."Odd name"', vacuumed: false, analyzed: true },
    ]);
  });
});

/** A stand-in whose statements answer as `answer` says; counts them. */
function standIn(answer: (sql: string, call: number) => Promise<unknown>) {
  const statements: string[] = [];
  const database = {
    query: (sql: string) => {
      statements.push(sql);
      return answer(sql, statements.length);
    },
    exec: (sql: string) => {
      statements.push(sql);
      return answer(sql, statements.length);
    },
  } as unknown as MaintainedDatabase;
  return { database, statements };
}

describe("the upkeep's schedule and failures", () => {
  afterEach(() => vi.useRealTimers());

  it("goes on with the next table when one fails, and reports it", async () => {
    const due = [
      { table: "public.broken", vacuum: true, analyze: true },
      { table: "public.fine", vacuum: false, analyze: true },
    ];
    const { database, statements } = standIn(async (sql) => {
      if (sql.includes("broken")) throw new Error("out of memory");
      return { rows: sql.includes("pg_stat_all_tables") ? due : [] };
    });
    const errors: unknown[] = [];

    expect(await maintainEmbeddedDatabase(database, (error) => errors.push(error))).toEqual([
      { table: "public.fine", vacuumed: false, analyzed: true },
    ]);
    expect(errors).toEqual([new Error("out of memory")]);
    expect(statements.slice(-2)).toEqual(["VACUUM (ANALYZE) public.broken", "ANALYZE public.fine"]);
  });

  it("reports a failed pass and runs the next, one at a time, and stops after the running one", async () => {
    vi.useFakeTimers();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The statements: the whole-database VACUUM at the start, then each pass's flush of the
    // counters, the turn that publishes them, and the tables due.
    const { database, statements } = standIn(async (_sql, call) => {
      if (call === 2) throw new Error("the database is closing");
      if (call === 3) await held;
      return { rows: [] };
    });
    const errors: unknown[] = [];
    const maintenance = await startEmbeddedMaintenance(database, {
      intervalMs: 1_000,
      onError: (error) => {
        errors.push(error);
        throw new Error("a handler that throws must not leave a rejection behind");
      },
    });

    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors).toEqual([new Error("the database is closing")]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(statements).toHaveLength(3);
    // The second pass still waits on its first statement: no third starts beside it.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(statements).toHaveLength(3);

    let stopped = false;
    const stopping = maintenance.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(statements).toEqual([
      "VACUUM",
      "SELECT pg_stat_force_next_flush()",
      "SELECT pg_stat_force_next_flush()",
      "SELECT 1",
      expect.stringContaining("pg_stat_all_tables"),
    ]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(statements).toHaveLength(5);
  });

  it("vacuums the whole database once before its first pass: the counters start at zero when it opens", async () => {
    vi.useFakeTimers();
    const { database, statements } = standIn(async () => ({ rows: [] }));
    const maintenance = await startEmbeddedMaintenance(database, { intervalMs: 1_000 });
    expect(statements).toEqual(["VACUUM"]);
    await vi.advanceTimersByTimeAsync(3_000);
    await maintenance.stop();

    expect(statements.filter((sql) => sql.startsWith("VACUUM"))).toEqual(["VACUUM"]);
    expect(statements.filter((sql) => sql.includes("pg_stat_all_tables"))).toHaveLength(3);
  });
});

describe("an embedded database with a data directory", () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), "phresh-upkeep-"));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("is vacuumed while it is open, as autovacuum would", async () => {
    const database = await openDatabase(
      { kind: "pglite", dataDirectory: path.join(parent, "pglite") },
      { maintenanceIntervalMs: 20 },
    );
    try {
      await database.prisma.$executeRaw`INSERT INTO cleanings (name, price, cleaning_type)
        SELECT 'Windows', 10, 'full_clean' FROM generate_series(1, 1000)`;
      await database.prisma.$executeRaw`DELETE FROM cleanings WHERE id > 400`;
      await vi.waitFor(
        async () => {
          const [counts] = await database.prisma.$queryRawUnsafe<Counts[]>(
            COUNTS_OF_TABLE,
            "cleanings",
          );
          expect(counts?.vacuums).toBeGreaterThan(0);
          expect(counts?.dead).toBe(0);
        },
        // Generous: CI machines are shared and sometimes much slower.
        { timeout: 120_000, interval: 50 },
      );
    } finally {
      await database.close();
    }
  });
});
