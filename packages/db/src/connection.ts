// Opens Phresh's database: embedded PGlite in a data directory (the default, no server to
// install), in-memory PGlite (tests), or PostgreSQL by URL. Pending migrations are applied
// before the client is handed out, so callers always see the current schema.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import {
  type CallerChangeHandlers,
  type CallerChangeWatcher,
  listenOnPglite,
  listenOnPostgres,
  watchCallerWrites,
} from "./caller-changes.ts";
import { acquireDirectoryLock } from "./directory-lock.ts";
import { type EmbeddedMaintenance, startEmbeddedMaintenance } from "./embedded-maintenance.ts";
import {
  DatabaseError,
  DatabaseUnavailableError,
  describeConnectionFailure,
  isDatabaseUnavailable,
} from "./errors.ts";
import { embeddedMigrations } from "./generated/migrations.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { applyMigrations, type Migration } from "./migrations/apply.ts";
import { pgliteSession, withPostgresSession } from "./migrations/sql-session.ts";
import { withPreparedStatements } from "./pglite-prepared.ts";
import { PgliteThread } from "./pglite-thread.ts";
import { preparedStatementNames } from "./prepared-statements.ts";
import { type RawQuery, rawStatements } from "./raw-statements.ts";
import { observeStatements, type StatementObserver } from "./statement-observer.ts";

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /** `dataDirectory` undefined: in memory, gone when closed. */
  | { kind: "pglite"; dataDirectory?: string | undefined };

export type OpenOptions = {
  /** Defaults to the migrations of prisma/migrations, embedded at generate time. */
  migrations?: readonly Migration[];
  /**
   * PostgreSQL only: `false` leaves the migrations to the process that applied them (a serving
   * process's pages process opens the database it migrated), so opening reaches no server and
   * succeeds while PostgreSQL is away; the first query reports an outage as usual.
   */
  migrate?: boolean;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  /** How long a connection beyond the kept ones may idle before it is closed (tests shorten it). */
  idleConnectionTimeoutMs?: number;
  onPoolError?: (error: Error) => void;
  /** Called with every SQL statement the client sends (tests count statements with it). */
  onStatement?: StatementObserver;
  /**
   * In-memory PGlite only: start from this copy of a data directory (`PGlite.dumpDataDir`)
   * instead of an empty one made by initdb (test databases start migrated: testing.ts).
   */
  startFrom?: Blob;
  /**
   * PGlite with a data directory: how often its tables are checked for vacuuming and analysing
   * (embedded-maintenance.ts; default a minute, as autovacuum). Tests shorten it.
   */
  maintenanceIntervalMs?: number;
};

export type Database = {
  prisma: PrismaClient;
  /**
   * Raw SQL without Prisma's client pipeline, for the hottest statements, each on its own
   * (not inside a transaction): raw-statements.ts.
   */
  sql: RawQuery;
  kind: DatabaseTarget["kind"];
  /** Migrations applied while opening. */
  appliedMigrations: string[];
  /** Reports changes to callers (caller-changes.ts) until closed, or until the database closes. */
  watchCallerChanges(handlers: CallerChangeHandlers): CallerChangeWatcher;
  close(): Promise<void>;
};

/**
 * The watchers of one database: each hears the commits of this process through the driver
 * adapter (`committedHere`), and the other processes' through `listen`.
 */
function callerChangeWatchers(listen: (handlers: CallerChangeHandlers) => CallerChangeWatcher) {
  const local = new Set<CallerChangeHandlers>();
  const open = new Set<CallerChangeWatcher>();
  return {
    committedHere() {
      for (const handlers of local) handlers.onChange({ kind: "any" });
    },
    watch(handlers: CallerChangeHandlers): CallerChangeWatcher {
      local.add(handlers);
      const listening = listen(handlers);
      const watcher = {
        async close() {
          local.delete(handlers);
          open.delete(watcher);
          await listening.close();
        },
      };
      open.add(watcher);
      return watcher;
    },
    async closeAll() {
      await Promise.all([...open].map((watcher) => watcher.close()));
    },
  };
}

/**
 * Prisma's default error format makes an Error for every query, to point a failure at the line
 * that made it, and on failure reads that source file to quote it: a stack trace per statement
 * (about 2% of a GET cleaning's time on the event loop, bench/RESULTS.md, twelfth session) and
 * code in the log. "minimal" keeps the message itself (Prisma's code, the constraint).
 */
const CLIENT_OPTIONS = { errorFormat: "minimal" } as const;

export async function openDatabase(
  target: DatabaseTarget,
  options: OpenOptions = {},
): Promise<Database> {
  const migrations = options.migrations ?? embeddedMigrations;
  return target.kind === "postgres"
    ? openPostgres(target.url, migrations, options)
    : openPglite(target.dataDirectory, migrations, options);
}

/** PostgreSQL connections each process keeps open while it is quiet. */
export const IDLE_CONNECTIONS_KEPT = 2;

async function openPostgres(
  url: string,
  migrations: readonly Migration[],
  options: OpenOptions,
): Promise<Database> {
  const max = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A server that does not answer fails the query after 5 s rather than holding the request.
    connectionTimeoutMillis: 5_000,
    // pg closes every connection idle for 10 s by default, so on a quiet site nearly each
    // request opened a new one: a jobs search took 67-91 ms after 11 s of quiet against 8-11 ms
    // on a warm connection (a new backend, its catalog caches, the English dictionary, the
    // statement prepared and planned again). A few stay open however quiet it gets; those
    // opened for a burst go after five idle minutes.
    min: Math.min(IDLE_CONNECTIONS_KEPT, max),
    idleTimeoutMillis: options.idleConnectionTimeoutMs ?? 5 * 60_000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", (error) => options.onPoolError?.(error));
  let appliedMigrations: string[] = [];
  try {
    if (options.migrate !== false)
      appliedMigrations = await withPostgresSession(pool, (session) =>
        applyMigrations(session, migrations),
      ).catch((cause: unknown) => {
        if (cause instanceof DatabaseError) throw cause;
        if (isDatabaseUnavailable(cause))
          throw new DatabaseUnavailableError(describeConnectionFailure(url, cause), { cause });
        throw cause;
      });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const watchers = callerChangeWatchers((handlers) => listenOnPostgres(url, handlers));
  const adapter = observeStatements(
    watchCallerWrites(
      new PrismaPg(pool, { statementNameGenerator: preparedStatementNames() }),
      watchers.committedHere,
    ),
    options.onStatement,
  );
  const prisma = new PrismaClient({ ...CLIENT_OPTIONS, adapter });
  const raw = rawStatements(adapter);
  return {
    prisma,
    sql: raw.query,
    kind: "postgres",
    appliedMigrations,
    watchCallerChanges: watchers.watch,
    async close() {
      await watchers.closeAll();
      await raw.close();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * PGlite's WebAssembly memory only grows, so PostgreSQL's default 128 MB buffer pool ends up
 * fully resident. 32 MB holds the working set of a deployment small enough for one embedded
 * database; pages beyond it come from the operating system's file cache. Measured with
 * `pnpm bench` (bench/RESULTS.md): the same req/s, 80–160 MiB less RSS.
 */
const EMBEDDED_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

async function openPglite(
  dataDirectory: string | undefined,
  migrations: readonly Migration[],
  options: OpenOptions,
): Promise<Database> {
  const releaseLock = dataDirectory ? acquireDirectoryLock(dataDirectory) : () => {};
  let embedded: PgliteThread | undefined;
  try {
    embedded = await PgliteThread.start({
      dataDirectory,
      startParams: EMBEDDED_START_PARAMS,
      loadDataDir: dataDirectory ? undefined : options.startFrom,
    });
    const appliedMigrations = await applyMigrations(pgliteSession(embedded), migrations);
    const opened = embedded;
    const watchers = callerChangeWatchers((handlers) => listenOnPglite(opened, handlers));
    const adapter = observeStatements(
      watchCallerWrites(
        // The adapter uses only the client's query, exec and transaction (pglite-prepared.ts).
        new PrismaPGlite(withPreparedStatements(embedded) as PGlite),
        watchers.committedHere,
      ),
      options.onStatement,
    );
    const prisma = new PrismaClient({ ...CLIENT_OPTIONS, adapter });
    const raw = rawStatements(adapter);
    // Only a database that outlives its process accumulates what autovacuum would clean.
    const maintenance: EmbeddedMaintenance | undefined = dataDirectory
      ? await startEmbeddedMaintenance(opened, { intervalMs: options.maintenanceIntervalMs })
      : undefined;
    return {
      prisma,
      sql: raw.query,
      kind: "pglite",
      appliedMigrations,
      watchCallerChanges: watchers.watch,
      async close() {
        await maintenance?.stop();
        await watchers.closeAll();
        await raw.close();
        await prisma.$disconnect();
        await opened.close();
        releaseLock();
      },
    };
  } catch (error) {
    await embedded?.close().catch(() => {});
    releaseLock();
    throw error;
  }
}
