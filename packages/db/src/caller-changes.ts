// Tells an app instance when a caller it may have cached changed: a user's row updated or
// deleted, or an access token revoked. Two sources, because they arrive at different times:
// - other instances' commits, through PostgreSQL's NOTIFY on `phresh_caller_changes` (sent by
//   triggers in the changing transaction: prisma/migrations/*_caller_changes), heard by one
//   dedicated listening connection per process;
// - this process's own commits, seen at the driver adapter as they return, so that a request
//   that follows a change here never meets the cache of before it (a NOTIFY may still be in
//   flight then).
// While not listening (connecting, connection lost), changes may go unheard: `onDeaf` says so,
// and a cache must then neither serve nor fill until `onListening`.
import type { PGlite } from "@electric-sql/pglite";
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import pg from "pg";

export const CALLER_CHANGES_CHANNEL = "phresh_caller_changes";

/** Shown in pg_stat_activity, so an operator (or a test) can find the listening connections. */
export const CALLER_CHANGES_APPLICATION_NAME = "phresh caller changes";

export type CallerChange =
  | { kind: "user"; userId: string }
  | { kind: "token"; jti: string }
  /** A change committed by this process: which caller is not known, so any. */
  | { kind: "any" }
  /** The marker of `sync()`: every change committed before it has been heard. */
  | { kind: "sync"; marker: string };

export type CallerChangeHandlers = {
  onChange(change: CallerChange): void;
  /** From now on, every committed change is reported. */
  onListening(): void;
  /** Changes may go unreported from now on, until the next `onListening`. */
  onDeaf(): void;
  /** Why the listening connection was lost or could not be opened (it is retried). */
  onConnectionError?(error: Error): void;
};

export type CallerChangeWatcher = { close(): Promise<void> };

function parseChange(payload: string): CallerChange | undefined {
  const separator = payload.indexOf(":");
  const kind = payload.slice(0, separator);
  const value = payload.slice(separator + 1);
  if (separator < 0 || !value) return undefined;
  if (kind === "user") return { kind, userId: value };
  if (kind === "token") return { kind, jti: value };
  if (kind === "sync") return { kind, marker: value };
  return undefined;
}

/** Asks every listener, this process's included, to report `marker` once it has heard all before it. */
export function syncMarkerPayload(marker: string): string {
  return `sync:${marker}`;
}

const RECONNECT_FIRST_DELAY_MS = 100;
const RECONNECT_MAX_DELAY_MS = 5_000;

/** One `pg` connection doing `LISTEN`, reconnecting with backoff when it is lost. */
export function listenOnPostgres(url: string, handlers: CallerChangeHandlers): CallerChangeWatcher {
  let closed = false;
  let current: pg.Client | undefined;
  let retryDelay = RECONNECT_FIRST_DELAY_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const client = new pg.Client({
      connectionString: url,
      application_name: CALLER_CHANGES_APPLICATION_NAME,
      connectionTimeoutMillis: 5_000,
      // A silently dead peer (no FIN) is found by TCP keepalive; the cache's maximum age
      // bounds what it serves until then.
      keepAlive: true,
    });
    current = client;
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (!closed)
        handlers.onConnectionError?.(
          error instanceof Error ? error : new Error("the connection ended"),
        );
      client.removeAllListeners("notification");
      handlers.onDeaf();
      client.end().catch(() => {});
      if (closed) return;
      retryTimer = setTimeout(() => void connect(), retryDelay);
      retryDelay = Math.min(retryDelay * 2, RECONNECT_MAX_DELAY_MS);
    };
    client.on("error", onLost);
    client.on("end", () => onLost());
    client.on("notification", (message) => {
      const change =
        message.channel === CALLER_CHANGES_CHANNEL && message.payload
          ? parseChange(message.payload)
          : undefined;
      if (change) handlers.onChange(change);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CALLER_CHANGES_CHANNEL}`);
    } catch (error) {
      onLost(error);
      return;
    }
    if (lost || closed) return;
    retryDelay = RECONNECT_FIRST_DELAY_MS;
    handlers.onListening();
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      handlers.onDeaf();
      await current?.end().catch(() => {});
    },
  };
}

/** PGlite is one process: its `listen` hears every commit, and the connection cannot drop. */
export function listenOnPglite(
  embedded: Pick<PGlite, "listen">,
  handlers: CallerChangeHandlers,
): CallerChangeWatcher {
  let closed = false;
  const listening = embedded.listen(CALLER_CHANGES_CHANNEL, (payload) => {
    const change = parseChange(payload);
    if (change) handlers.onChange(change);
  });
  void listening.then(
    () => {
      if (!closed) handlers.onListening();
    },
    () => {},
  );
  return {
    async close() {
      closed = true;
      handlers.onDeaf();
      const unlisten = await listening.catch(() => undefined);
      await unlisten?.().catch(() => {});
    },
  };
}

// A statement that may change who a token acts as: it updates or deletes users, or revokes a
// token (a new user is in no cache). Matches what Prisma generates (`UPDATE "public"."users"`)
// and hand-written SQL alike.
const TABLE = String.raw`(?:"?public"?\s*\.\s*)?"?`;
const CALLER_WRITE = new RegExp(
  String.raw`\b(?:(?:update|delete\s+from)\s+${TABLE}users|insert\s+into\s+${TABLE}revoked_access_tokens)\b`,
  "i",
);

export function writesCallers(sql: string): boolean {
  return CALLER_WRITE.test(sql);
}

function watchingCommits<Queryable extends SqlDriverAdapter | Transaction>(
  queryable: Queryable,
  onCommitted: () => void,
  inTransaction: { wroteCallers: boolean } | undefined,
): Queryable {
  return new Proxy(queryable, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (key === "queryRaw" || key === "executeRaw")
        return async (query: SqlQuery) => {
          const result: unknown = await value.call(target, query);
          if (writesCallers(query.sql)) {
            // Outside a transaction the statement has committed once it returns.
            if (inTransaction) inTransaction.wroteCallers = true;
            else onCommitted();
          }
          return result;
        };
      if (key === "startTransaction")
        return async (...args: unknown[]) =>
          watchingCommits((await value.apply(target, args)) as Transaction, onCommitted, {
            wroteCallers: false,
          });
      if (key === "commit" && inTransaction)
        return async () => {
          await value.call(target);
          if (inTransaction.wroteCallers) onCommitted();
        };
      return value.bind(target);
    },
  });
}

/** Calls `onCommitted` after each commit, through this adapter, of a statement that writes callers. */
export function watchCallerWrites(
  factory: SqlDriverAdapterFactory,
  onCommitted: () => void,
): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => watchingCommits(await factory.connect(), onCommitted, undefined),
  };
}
