// Autovacuum's work for the embedded database. PGlite runs PostgreSQL as a single backend, with
// no autovacuum launcher, so nothing else would ever: reclaim the rows that updates and deletes
// leave behind (every log-in updates its address's rate-limit row), refresh the planner's
// statistics, mark pages all-visible (without it, index-only scans read the table too), or
// freeze old transaction ids (about two billion transactions later PostgreSQL would refuse
// every write). Each pass reads PostgreSQL's own counters and vacuums or analyses the tables
// past autovacuum's default thresholds, one statement at a time: the single backend serves
// nothing else meanwhile, and a statement waits its turn behind requests like any other.
import type { PGlite } from "@electric-sql/pglite";

export type MaintainedDatabase = Pick<PGlite, "query" | "exec">;

export type MaintenanceStep = { table: string; vacuumed: boolean; analyzed: boolean };

/**
 * PostgreSQL's defaults: autovacuum_vacuum_threshold 50 and scale factor 0.2, the insert
 * thresholds 1,000 and 0.2, autovacuum_analyze_threshold 50 and scale factor 0.1, and
 * autovacuum_freeze_max_age 200 million. `format('%I')` quotes each name for the statement.
 */
const TABLES_DUE = `
  SELECT format('%I.%I', s.schemaname, s.relname) AS "table",
    s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
      OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
      OR age(c.relfrozenxid) > 200000000 AS "vacuum",
    s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) AS "analyze"
  FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
  ORDER BY s.relname`;

/** One pass: vacuums (and analyses) or analyses each table past its threshold. */
export async function maintainEmbeddedDatabase(
  database: MaintainedDatabase,
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
    if (vacuum) await database.exec(`VACUUM (ANALYZE) ${table}`);
    else if (analyze) await database.exec(`ANALYZE ${table}`);
    else continue;
    steps.push({ table, vacuumed: vacuum, analyzed: true });
  }
  return steps;
}

/** As often as autovacuum's launcher looks (autovacuum_naptime). */
export const MAINTENANCE_INTERVAL_MS = 60_000;

export type EmbeddedMaintenance = {
  /** No pass starts after this; resolves once a running pass has finished. */
  stop(): Promise<void>;
};

/** Runs a pass every `intervalMs`, never two at once; errors go to `onError`, and it goes on. */
export function startEmbeddedMaintenance(
  database: MaintainedDatabase,
  options: { intervalMs?: number | undefined; onError?: (error: unknown) => void } = {},
): EmbeddedMaintenance {
  const { intervalMs = MAINTENANCE_INTERVAL_MS, onError = reportMaintenanceError } = options;
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= maintainEmbeddedDatabase(database)
      .then(() => {}, onError)
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
