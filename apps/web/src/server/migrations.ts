// The cluster's migrations, applied once, before any worker starts, by a short-lived child
// process: the primary itself stays small for as long as it runs (it never loads Prisma, whose
// client and driver would stay in its memory after one use; measured in the report behind
// bench/RESULTS.md).
import type { PhreshConfig } from "@phresh/config";
import { announceDatabase } from "./database-announcement.ts";
import { forkServerProcess } from "./server-role.ts";
import { exitOnStartupFailure } from "./startup-failure.ts";

/**
 * Runs this same server script as a child that applies pending migrations and says so; on
 * failure (the child printed why) ends this process with the child's exit code.
 */
export async function migrateInChildProcess(): Promise<void> {
  const child = forkServerProcess("migrate");
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) process.exit(code ?? 1);
}

/** In the child: applies pending migrations, announces the database, and exits. */
export async function migrateAndExit(config: PhreshConfig): Promise<never> {
  try {
    const [{ resolveSecretKey }, { openDatabase }] = await Promise.all([
      import("@phresh/config"),
      import("@phresh/db"),
    ]);
    // Before any migration: a missing production secret must not change the database. In
    // development this also writes the generated key once, for every worker to read.
    resolveSecretKey(config);
    const database = await openDatabase(config.database);
    await database.close();
    announceDatabase(config, database.appliedMigrations);
  } catch (error) {
    exitOnStartupFailure(error);
  }
  process.exit(0);
}
