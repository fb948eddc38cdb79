// Where each run keeps its data: a temporary directory (PGlite lives there, and the app's local
// state in both cases) and, for PostgreSQL, a throwaway database on the server DATABASE_URL
// names, created for the run and dropped after it.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { onCleanup } from "./cleanup.ts";

export type DatabaseKind = "pglite" | "postgres";

export type DatabasePlace = {
  kind: DatabaseKind;
  /** PHRESH_DATA_DIR of the app; PGlite's files are under `pglite/` in it. */
  dataDirectory: string;
  /** The throwaway database's URL (PostgreSQL only). */
  url: string | undefined;
  /** Removes the directory and drops the database; safe to call twice. */
  release(): Promise<void>;
};

export function temporaryDirectory(prefix: string): { path: string; remove(): Promise<void> } {
  const directory = mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = onCleanup(`temporary directory ${directory}`, () =>
    rmSync(directory, { recursive: true, force: true }),
  );
  return { path: directory, remove };
}

/** Runs `work` on one connection to the server's maintenance database. */
async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Throwaway databases are named `phresh_bench_<harness pid>_<random>`. */
const DATABASE_PREFIX = "phresh_bench_";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Drops throwaway databases of earlier runs whose harness no longer runs on this machine: a run
 * killed outright (SIGKILL, a CI timeout) has no chance to drop its own.
 */
async function dropAbandonedDatabases(serverUrl: string): Promise<void> {
  await onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [DATABASE_PREFIX],
    );
    for (const { datname } of rows) {
      const pid = Number(/^phresh_bench_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
      if (!pid || isRunning(pid)) continue;
      console.log(`bench: dropping ${datname}, left behind by an interrupted run`);
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

export async function prepareDatabase(
  kind: DatabaseKind,
  serverUrl: string | undefined,
): Promise<DatabasePlace> {
  const directory = temporaryDirectory(`phresh-bench-${kind}-`);
  if (kind === "pglite")
    return { kind, dataDirectory: directory.path, url: undefined, release: directory.remove };
  if (!serverUrl) throw new Error("bench: the PostgreSQL run needs DATABASE_URL");

  await dropAbandonedDatabases(serverUrl);
  const name = `${DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString("hex")}`;
  // The name is ours (letters, digits, _), so quoting it is enough; identifiers cannot be bound.
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const dropDatabase = onCleanup(`database ${name}`, async () => {
    // FORCE: a connection the app left behind must not keep the database alive.
    await onServer(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    dataDirectory: directory.path,
    url: url.toString(),
    async release() {
      await dropDatabase();
      await directory.remove();
    },
  };
}

/**
 * Reads the password hash of a user who signed up through the app, to check the baseline hashes
 * with the app's parameters (the marketplace's people were written by SQL, with no password).
 */
export async function readPasswordHash(url: string, email: string): Promise<string | undefined> {
  return onServer(url, async (client) => {
    const result = await client.query<{ hashed_password: string }>(
      "SELECT hashed_password FROM users WHERE email = $1",
      [email],
    );
    return result.rows[0]?.hashed_password;
  });
}
