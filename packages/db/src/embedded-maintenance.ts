// Autovacuum's work for the embedded database. PGlite runs PostgreSQL as a single backend, with
// no autovacuum launcher, so nothing else would ever: reclaim the rows that updates and deletes
// leave behind (every log-in updates its address's rate-limit row, every ANALYZE replaces rows of
// pg_statistic), refresh the planner's statistics, mark pages all-visible (without it, index-only
// scans read the table too), or freeze old transaction ids. Each pass reads PostgreSQL's own
// counters and vacuums or analyses the tables, the system catalogs included, that are past
// autovacuum's default thresholds, one statement at a time: the single backend serves nothing
// else meanwhile, and a statement waits its turn behind requests like any other.
//
// What a single backend cannot do: vacuum the template databases, whose age also counts towards
// the transaction-id limit, so about two billion transactions after initdb PostgreSQL would
// refuse writes (README, "Upkeep of the embedded database").
import type { PGlite } from "@electric-sql/pglite";

export type MaintainedDatabase = Pick<PGlite, "query" | "exec">;

type MaintenanceStep = { table: string; vacuumed: boolean; analyzed: boolean };

/**
 * Autovacuum's default formulas as PostgreSQL 13–17 state them (PGlite runs 18, which also leaves
 * frozen pages out of the insert threshold and caps the dead-row one at 100 million: refinements
 * that only move a pass sooner or later): autovacuum_vacuum_threshold 50 and
 * scale factor 0.2, the insert thresholds 1,000 and 0.2, autovacuum_analyze_threshold 50 and
 * scale factor 0.1, autovacuum_freeze_max_age 200 million and the multixact one 400 million.
 * Plain tables and materialized views only (TOAST tables are vacuumed with theirs); `format('%I')`
 * quotes each name for the statement.
 */
const TABLES_DUE = `
  SELECT format('%I.%I', s.schemaname, s.relname) AS "table",
    s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
      OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
      OR age(c.relfrozenxid) > 200000000
      OR mxid_age(c.relminmxid) > 400000000 AS "vacuum",
    s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) AS "analyze"
  FROM pg_stat_all_tables s JOIN pg_class c ON c.oid = s.relid
  WHERE c.relkind IN ('r', 'm') AND s.schemaname <> 'pg_toast'
  ORDER BY s.schemaname, s.relname`;

type OnError = (error: unknown) => void;

/**
 * One pass: vacuums (and analyses) or analyses each table past its threshold. A table that fails
 * is reported to `onError` and the pass goes on with the next.
 */
export async function maintainEmbeddedDatabase(
  database: MaintainedDatabase,
  onError: OnError = reportMaintenanceError,
): Promise<MaintenanceStep[]> {
  // The backend publishes its counters at most once a second, when idle: the pass must see the
  // writes of the last second too.
  await database.query("SELECT pg_stat_force_next_flush()");
  await database.query("SELECT 1");
  const { rows } = await database.query<{ table: string; vacuum: boolean; analyze: boolean }>(
    TABLES_DUE,
  );
  const steps: MaintenanceStep[] = [];
  for (const { table, vacuum, analyze } of rows) {
    if (!vacuum && !analyze) continue;
    try {
      await database.exec(vacuum ? `VACUUM (ANALYZE) ${table}` : `ANALYZE ${table}`);
      steps.push({ table, vacuumed: vacuum, analyzed: true });
    } catch (error) {
      onError(error);
    }
  }
  return steps;
}

/** As often as autovacuum's launcher looks (autovacuum_naptime). */
const MAINTENANCE_INTERVAL_MS = 60_000;

export type EmbeddedMaintenance = {
  /** No pass starts after this; resolves once a running pass has finished. */
  stop(): Promise<void>;
};

/**
 * Vacuums the whole database once, then runs a pass every `intervalMs`, never two at once; errors
 * go to `onError`, and it goes on.
 */
export async function startEmbeddedMaintenance(
  database: MaintainedDatabase,
  options: { intervalMs?: number | undefined; onError?: OnError | undefined } = {},
): Promise<EmbeddedMaintenance> {
  const { intervalMs = MAINTENANCE_INTERVAL_MS, onError = reportMaintenanceError } = options;
  // A handler that throws must not leave a rejected pass behind.
  const report: OnError = (error) => {
    try {
      onError(error);
    } catch {}
  };
  // PGlite keeps no statistics counters across a restart, so what changed before it would never
  // count. One whole-database VACUUM catches up before any request is served, rather than
  // holding requests a minute later (without ANALYZE it reads only the pages changed since the
  // last vacuum: 0.24 s on the bench's 100,000 cleanings and 300,000 offers with none).
  await database.exec("VACUUM").catch(report);
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= maintainEmbeddedDatabase(database, report)
      .then(() => {}, report)
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  // Upkeep alone must not keep a process alive.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

function reportMaintenanceError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Embedded database upkeep (vacuum, analyze) failed, retried later: ${message}`);
}
