// Applies pending migrations from prisma/migrations, each in its own transaction together with
// its record in the standard `_prisma_migrations` table. A failing migration is rolled back
// whole and leaves no record, so the database stays exactly as it was. The records match
// Prisma Migrate's (same table, SHA-256 checksum), so `prisma migrate deploy` stays usable
// wherever its native engine is available.
import { createHash, randomUUID } from "node:crypto";
import { MigrationFailedError } from "../errors.ts";
import type { SqlSession } from "./sql-session.ts";

export type Migration = { name: string; sql: string };

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  /** Applied, but the file changed since. */
  modified: string[];
  /** Recorded as started but never finished (left by another tool); needs a person. */
  failed: string[];
  /** Recorded in the database, missing from prisma/migrations. */
  unknown: string[];
};

// Prisma Migrate's own advisory-lock key, so this applier and Prisma's never run at once.
const MIGRATION_LOCK_KEY = 72707369;

const CREATE_HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type HistoryRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

export async function readMigrationStatus(
  session: SqlSession,
  migrations: readonly Migration[],
): Promise<MigrationStatus> {
  const exists = await session.query<{ table: string | null }>(
    `SELECT to_regclass('"_prisma_migrations"')::text AS "table"`,
  );
  const history = exists[0]?.table
    ? await session.query<HistoryRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      )
    : [];
  const live = history.filter((row) => row.rolled_back_at === null);
  const finished = new Map(
    live.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]),
  );
  const localNames = new Set(migrations.map((migration) => migration.name));
  return {
    applied: migrations.filter((m) => finished.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !finished.has(m.name)).map((m) => m.name),
    modified: migrations
      .filter((m) => {
        const row = finished.get(m.name);
        return row !== undefined && row.checksum !== migrationChecksum(m.sql);
      })
      .map((m) => m.name),
    failed: live.filter((row) => row.finished_at === null).map((row) => row.migration_name),
    unknown: [...finished.keys()].filter((name) => !localNames.has(name)),
  };
}

/** Applies what is pending, in name order; returns the names applied. */
export async function applyMigrations(
  session: SqlSession,
  migrations: readonly Migration[],
): Promise<string[]> {
  // Several app instances may start at once against one PostgreSQL: only one migrates.
  await session.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    await session.executeScript(CREATE_HISTORY_TABLE);
    const status = await readMigrationStatus(session, migrations);
    if (status.failed.length > 0) {
      throw new MigrationFailedError(
        `Migration ${status.failed.join(", ")} is recorded as failed in _prisma_migrations; fix the database by hand, then delete that record.`,
      );
    }
    const pending = new Set(status.pending);
    const applied: string[] = [];
    for (const migration of migrations) {
      if (!pending.has(migration.name)) continue;
      await applyOne(session, migration);
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await session.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  }
}

async function applyOne(session: SqlSession, migration: Migration): Promise<void> {
  await session.executeScript("BEGIN");
  try {
    await session.executeScript(migration.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migrationChecksum(migration.sql), migration.name],
    );
    await session.executeScript("COMMIT");
  } catch (cause) {
    await session.executeScript("ROLLBACK");
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MigrationFailedError(
      `Migration ${migration.name} failed: ${reason}. It was rolled back; the database is unchanged. Fix prisma/migrations/${migration.name}/migration.sql and start again.`,
      { cause },
    );
  }
}
