// The embedded database's client for Prisma's PGlite adapter, with named prepared statements.
// PGlite's own `query` makes six calls into its WebAssembly backend per statement (parse,
// describe, bind, describe, execute, sync), and PostgreSQL plans the statement anew each time;
// planning reads the size of every relation and index it may use, an lseek that Node answers
// with an fstat. A CPU profile of GET cleaning on PGlite put fstat alone at a tenth of the
// server's time. Here a statement is parsed and described once per distinct SQL text, and each
// use is one call (bind, execute, sync), as the PostgreSQL pool's named statements are
// (prepared-statements.ts, whose bound on the number of names applies here too).
import {
  type ExecProtocolResult,
  type PGlite,
  parse,
  protocol,
  type QueryOptions,
  type Results,
  type Transaction,
} from "@electric-sql/pglite";
import { preparedStatementNames } from "./prepared-statements.ts";

const { serialize } = protocol;

/** What pglite-prisma-adapter (0.7) uses of its client: these three methods only. */
export type PgliteAdapterClient = Pick<PGlite, "query" | "exec" | "transaction">;

/** What this client uses of the database (PGlite's own, or pglite-thread.ts's on a worker thread). */
export type EmbeddedSession = Pick<
  PGlite,
  | "execProtocol"
  | "serializers"
  | "parsers"
  | "exec"
  | "transaction"
  | "_runExclusiveQuery"
  | "_runExclusiveTransaction"
>;

type Described = {
  paramTypes: number[];
  /** The statement's RowDescription: Execute sends none, and rows are parsed by its types. */
  rowDescription: ExecProtocolResult["messages"][number] | undefined;
};

/**
 * Lets the event loop take one turn before a statement. The statements queued behind the
 * database's lock would otherwise follow each other in one turn: in-process PGlite ran them back
 * to back, and on its own thread Node's message port hands over every answer already waiting
 * before the loop goes on (measured: five queued `SELECT`s answered in one to three turns).
 * Node accepts one new connection per turn, so under load a new client waited for every queued
 * statement once per connection ahead of it. Measured with `pnpm bench` on in-process PGlite,
 * 50 new connections to a saturated server: the list of one's cleanings had p99 1.2–5.2 s and a
 * maximum of 5.4–8.7 s, each connection's first answer later than the one before; with this
 * turn p99 299–437 ms, maximum 306 ms, at 0.8–0.9 of the throughput.
 */
const betweenStatements = () => new Promise((resolve) => setImmediate(resolve));

/** A table of parsers by type OID, as parseResults takes the database's. */
type Parsers = Parameters<typeof parse.parseResults>[1];

/**
 * Per table of the database's parsers, the layered tables made over it, by their own parsers.
 * Two levels, because the adapter's parsers are one module-level object shared by every database
 * in the process (the tests open several): keyed by it alone, databases would evict each other.
 */
const layeredTables = new WeakMap<Parsers, WeakMap<object, Parsers>>();

/**
 * `own` over `base`: PGlite's parseResults merges a query's own parsers over the database's with
 * an object spread on every call, a copy of the parser of every type it knows, and Prisma's
 * adapter passes its own parsers with every statement. A CPU profile of `SELECT 1` through
 * Prisma put that copy at 39 % of the time (about 95 µs a statement). Made once here instead:
 * `own`'s entries first, `base`'s through the prototype, so the array types PGlite adds to its
 * table later still show.
 */
function layeredParsers(base: Parsers, own: NonNullable<QueryOptions["parsers"]>): Parsers {
  let overBase = layeredTables.get(base);
  if (!overBase) {
    overBase = new WeakMap();
    layeredTables.set(base, overBase);
  }
  let table = overBase.get(own);
  if (!table) {
    table = Object.assign(Object.create(base) as Parsers, own);
    overBase.set(own, table);
  }
  return table;
}

/** A statement sent, and what reading its reply needs. */
type Sent = {
  reply: Promise<ExecProtocolResult>;
  rowDescription: Described["rowDescription"];
};

type Session = { nameOf: (query: { sql: string }) => string; described: Map<string, Described> };

// Prepared statements belong to the database session, and a PGlite instance is one session: its
// clients share them, or a second client would prepare a name the first already holds.
const sessions = new WeakMap<EmbeddedSession, Session>();

/** `limit`: how many texts get a name in this PGlite, set by its first client. */
export function withPreparedStatements(db: EmbeddedSession, limit?: number): PgliteAdapterClient {
  let session = sessions.get(db);
  if (!session) {
    session = { nameOf: preparedStatementNames(limit), described: new Map() };
    sessions.set(db, session);
  }
  const { nameOf, described } = session;

  async function describe(sql: string, name: string, options?: QueryOptions): Promise<Described> {
    const { messages } = await db.execProtocol(
      Buffer.concat([
        serialize.parse({ name, text: sql, types: options?.paramTypes ?? [] }),
        serialize.describe({ type: "S", name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    return {
      paramTypes: parse.parseDescribeStatementResults(messages),
      rowDescription: messages.find(({ name: kind }) => kind === "rowDescription"),
    };
  }

  /**
   * Sends a statement, describing it first when its text is new, and returns its reply unawaited.
   * Runs with the database's query mutex held, as PGlite's own `query` does; `inTransaction`
   * leaves the file system's sync to the commit, as PGlite does.
   */
  async function send(
    sql: string,
    params: unknown[] = [],
    options: QueryOptions | undefined,
    inTransaction: boolean,
  ): Promise<Sent> {
    await betweenStatements();
    const name = nameOf({ sql });
    let statement = name ? described.get(sql) : undefined;
    if (!statement) {
      statement = await describe(sql, name, options);
      if (name) described.set(sql, statement);
    }
    const { paramTypes, rowDescription } = statement;
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const oid = paramTypes[i] ?? 0;
      const serializer = options?.serializers?.[oid] ?? db.serializers[oid];
      return serializer ? serializer(param) : String(param);
    });
    const reply = db.execProtocol(
      Buffer.concat([
        serialize.bind({ statement: name, values }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs: !inTransaction },
    );
    return { reply, rowDescription };
  }

  async function answer<T>({ reply, rowDescription }: Sent, options?: QueryOptions) {
    const { messages } = await reply;
    const withDescription = rowDescription ? [rowDescription, ...messages] : messages;
    const { parsers, ...otherOptions } = options ?? {};
    const table = parsers ? layeredParsers(db.parsers, parsers) : db.parsers;
    return parse.parseResults(withDescription, table, otherOptions)[0] as Results<T>;
  }

  return {
    // The locks are held until the statement is sent, not until its reply is read: the database
    // runs statements in the order they were sent, so the next one may go while this one's
    // reply waits for the event loop. Held until the reply, they also held the database idle
    // while the main thread was busy with other requests (a jobs search on PGlite: 187–240
    // req/s on its own thread, against 255–278 when PGlite ran in the main thread).
    query: async <T>(sql: string, params?: unknown[], options?: QueryOptions) =>
      answer<T>(
        await db._runExclusiveTransaction(() =>
          db._runExclusiveQuery(() => send(sql, params, options, false)),
        ),
        options,
      ),
    exec: (sql, options) => db.exec(sql, options),
    transaction: <T>(callback: (tx: Transaction) => Promise<T>) =>
      db.transaction((tx) =>
        callback({
          ...tx,
          query: async <R>(sql: string, params?: unknown[], options?: QueryOptions) => {
            if (tx.closed) throw new Error("Transaction is closed");
            return await db._runExclusiveQuery(async () =>
              answer<R>(await send(sql, params, options, true), options),
            );
          },
          get closed() {
            return tx.closed;
          },
        }),
      ),
  };
}
