// Test databases: in-memory PGlite by default; with DATABASE_URL set, a fresh PostgreSQL
// database created on that server for the calling test file and dropped when it closes.
import { randomUUID } from "node:crypto";
import net from "node:net";
import { loadConfig } from "@phresh/config";
import pg from "pg";
import {
  type Database,
  type DatabaseTarget,
  type OpenOptions,
  openDatabase,
} from "./connection.ts";

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
    return { ...(await openDatabase(target, options)), target };
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
