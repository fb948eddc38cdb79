import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "./connection.ts";
import { maintainEmbeddedDatabase } from "./embedded-maintenance.ts";
import { PgliteThread } from "./pglite-thread.ts";

type Counts = { vacuums: number; analyses: number; dead: number };

async function countsOf(
  db: Pick<PgliteThread, "query">,
  table: string,
): Promise<Counts | undefined> {
  // A fresh snapshot of the statistics: within a transaction they would be read once.
  await db.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await db.query<Counts>(
    `SELECT vacuum_count::int AS vacuums, analyze_count::int AS analyses, n_dead_tup::int AS dead
     FROM pg_stat_user_tables WHERE relname = $1`,
    [table],
  );
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

  it("names a table as a quoted identifier", async () => {
    await db.exec(`
      CREATE TABLE "Odd name" (id int PRIMARY KEY);
      INSERT INTO "Odd name" SELECT generate_series(1, 100);`);

    expect(await maintainEmbeddedDatabase(db)).toEqual([
      { table: 'public."Odd name"', vacuumed: false, analyzed: true },
    ]);
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
            `SELECT vacuum_count::int AS vacuums, analyze_count::int AS analyses,
               n_dead_tup::int AS dead
             FROM pg_stat_user_tables WHERE relname = 'cleanings'`,
          );
          expect(counts?.vacuums).toBeGreaterThan(0);
          expect(counts?.dead).toBe(0);
        },
        { timeout: 20_000, interval: 50 },
      );
    } finally {
      await database.close();
    }
  });
});
