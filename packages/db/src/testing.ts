// Test databases: in-memory PGlite by default; with DATABASE_URL set, a fresh PostgreSQL
// database created on that server for the calling test file and dropped when it closes.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { loadConfig } from "@phresh/config";
import pg from "pg";
import {
  type Database,
  type DatabaseTarget,
  type OpenOptions,
  openDatabase,
} from "./connection.ts";
import { embeddedMigrations } from "./generated/migrations.ts";
import { applyMigrations } from "./migrations/apply.ts";
import { pgliteSession } from "./migrations/sql-session.ts";

export type TestDatabase = Database & { target: DatabaseTarget };

/** Where tests run: "postgres" when DATABASE_URL is set, else "pglite". */
export const testDatabaseKind = loadConfig().database.kind;

/** A new, empty PostgreSQL database on the configured server; returns its URL and a dropper. */
export async function createPostgresTestDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const config = loadConfig();
  if (config.database.kind !== "postgres") throw new Error("DATABASE_URL is not set");
  const serverUrl = config.database.url;
  const name = `phresh_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await administer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => administer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export async function openTestDatabase(options: OpenOptions = {}): Promise<TestDatabase> {
  if (testDatabaseKind === "pglite") {
    const target = { kind: "pglite" } as const;
    const startFrom = options.migrations ? undefined : await migratedEmbeddedCopy();
    return { ...(await openDatabase(target, { ...options, startFrom })), target };
  }
  const created = await createPostgresTestDatabase();
  const target = { kind: "postgres", url: created.url } as const;
  const database = await openDatabase(target, options);
  return {
    ...database,
    target,
    async close() {
      await database.close();
      await created.drop();
    },
  };
}

/** Where the migrated copy is kept between test processes (each test file runs in its own). */
const MIGRATED_COPY_DIRECTORY = path.join(os.tmpdir(), "phresh-test-databases");

/**
 * A dump of an in-memory database with every migration applied, which each in-memory test
 * database starts from: initdb and the migrations take 3.7 s idle (ten times as long on a busy
 * CI machine) for each test file; loading the copy takes 1 s. It is built once
 * and kept as a file named for what made it (the migrations and PGlite's build), so a change to
 * either makes a new one; written beside its place and renamed, it is whole or absent.
 */
export function migratedEmbeddedCopy(directory = MIGRATED_COPY_DIRECTORY): Promise<Blob> {
  // Read or built once per process: a test file may open several databases.
  let copy = copiesRead.get(directory);
  if (!copy) {
    copy = readOrBuildCopy(directory);
    copiesRead.set(directory, copy);
    copy.catch(() => copiesRead.delete(directory));
  }
  return copy;
}

const copiesRead = new Map<string, Promise<Blob>>();

/**
 * Fills the empty data directory `dataDirectory` with the migrated copy, so that a server started
 * on it opens a migrated database at once instead of running initdb and every migration (5–10 s
 * per server on a busy machine). For suites that start many servers; a first start on an empty
 * directory has tests of its own (apps/web production-server.test.ts).
 */
export async function fillWithMigratedCopy(dataDirectory: string): Promise<void> {
  mkdirSync(dataDirectory, { recursive: true });
  const embedded = await PGlite.create(dataDirectory, {
    loadDataDir: await migratedEmbeddedCopy(),
  });
  await embedded.close();
}

async function readOrBuildCopy(directory: string): Promise<Blob> {
  const file = path.join(directory, `migrated-${copyKey()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const embedded = await PGlite.create();
  try {
    await applyMigrations(pgliteSession(embedded), embeddedMigrations);
    const dump = await embedded.dumpDataDir("none");
    mkdirSync(directory, { recursive: true });
    const partial = `${file}.${randomUUID()}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    removeOtherCopies(directory, path.basename(file));
    return dump;
  } finally {
    await embedded.close();
  }
}

function copyKey(): string {
  // The resolved path names PGlite's version (pnpm keeps each version in its own folder).
  const pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  return createHash("sha256")
    .update(pglite)
    .update(JSON.stringify(embeddedMigrations))
    .digest("hex")
    .slice(0, 16);
}

/** Copies made from older migrations would only take up room (40 MB each). */
function removeOtherCopies(directory: string, current: string): void {
  for (const name of readdirSync(directory)) {
    if (name !== current && name.endsWith(".tar")) {
      rmSync(path.join(directory, name), { force: true });
    }
  }
}

async function administer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A TCP relay in front of a database server that a test can cut and restore, to play a server
 * outage without stopping the real one (which other suites share).
 */
export async function startInterruptibleRelay(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      const relay = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("error", () => {});
          socket.on("close", () => {
            sockets.delete(socket);
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server = relay;
      relay.listen(port, "127.0.0.1", () => {
        port = (relay.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    /** Refuses new connections and drops the open ones, as a stopped server does. */
    async cut(): Promise<void> {
      const closed = new Promise((resolve) => server?.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    /** Accepts connections again, on the same port. */
    restore: listen,
  };
}

/**
 * Counts event-loop turns (one `setImmediate` each) until `stop`: for tests of work that must
 * let the loop turn between steps (the embedded database's statements, the server's requests).
 */
export function countEventLoopTurns(): { turns: () => number; stop: () => void } {
  let turns = 0;
  let counting = true;
  const count = () => {
    turns += 1;
    if (counting) setImmediate(count);
  };
  setImmediate(count);
  return {
    turns: () => turns,
    stop: () => {
      counting = false;
    },
  };
}
