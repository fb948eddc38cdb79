// The cluster's migrations, applied once, before any worker starts, by a short-lived child
// process: the primary itself stays small for as long as it runs (it never loads Prisma, whose
// client and driver would stay in its memory after one use; measured in the report behind
// bench/RESULTS.md).
import { fork } from "node:child_process";
import type { PhreshConfig } from "@phresh/config";
import { announceDatabase } from "./database-announcement.ts";
import { exitOnStartupFailure } from "./startup-failure.ts";

const ROLE_VARIABLE = "PHRESH_SERVER_ROLE";

/** Whether this process is the child that `migrateInChildProcess` started. */
export const isMigrationProcess = (): boolean => process.env[ROLE_VARIABLE] === "migrate";

/**
 * Runs this same server script as a child that applies pending migrations and says so; on
 * failure (the child printed why) ends this process with the child's exit code.
 */
export async function migrateInChildProcess(): Promise<void> {
  const script = process.argv[1];
  if (!script) throw new Error("the server script is unknown");
  const child = fork(script, process.argv.slice(2), {
    env: { ...process.env, [ROLE_VARIABLE]: "migrate" },
  });
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
