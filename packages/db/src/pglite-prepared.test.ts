import { messages, type Transaction } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgliteAdapterClient, withPreparedStatements } from "./pglite-prepared.ts";
import { PgliteThread } from "./pglite-thread.ts";
import { countEventLoopTurns } from "./testing.ts";

describe("PGlite with prepared statements", () => {
  let db: PgliteThread;

  beforeAll(async () => {
    db = await PgliteThread.start();
    await db.exec(`
      CREATE TABLE jobs (id serial PRIMARY KEY, name text UNIQUE NOT NULL, price numeric,
        due timestamptz, done boolean NOT NULL DEFAULT false);
      INSERT INTO jobs (name, price, due) VALUES ('windows', 12.50, '2026-12-01T10:00:00Z'),
        ('floors', NULL, NULL);`);
  });
  afterAll(() => db.close());

  const preparedCount = async () =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements")).rows[0]
      ?.n;

  it("answers as PGlite's own query does, in rows and in row counts", async () => {
    const client = withPreparedStatements(db);
    const sql =
      "SELECT id, name, price, due, done FROM jobs WHERE id = $1 OR name = $2 ORDER BY id";
    for (const rowMode of ["array", "object"] as const) {
      const expected = await db.query(sql, [1, "floors"], { rowMode });
      const got = await client.query(sql, [1, "floors"], { rowMode });
      expect(got.rows).toEqual(expected.rows);
      expect(got.fields).toEqual(expected.fields);
    }
    const updated = await client.query("UPDATE jobs SET done = $1 WHERE price IS NULL", [true]);
    expect(updated.affectedRows).toBe(1);
  });

  it("parses with a query's own parsers over the database's, as PGlite's own query does, and sees parsers the database adds later", async () => {
    const client = withPreparedStatements(db);
    const sql = "SELECT price, due, name FROM jobs WHERE id = $1";
    // Prisma's adapter passes its own parsers with every statement: numeric and timestamptz.
    const own = { 1700: (value: string) => `numeric ${value}` };
    const expected = await db.query(sql, [1], { rowMode: "array", parsers: own });
    const got = await client.query(sql, [1], { rowMode: "array", parsers: own });
    expect(got.rows).toEqual(expected.rows);
    expect(got.rows).toEqual([["numeric 12.50", new Date("2026-12-01T10:00:00Z"), "windows"]]);
    // PGlite adds array types' parsers to its own table in place (refreshArrayTypes).
    const textParser = db.parsers[25];
    try {
      db.parsers[25] = (value: string) => `text ${value}`;
      const later = await client.query(sql, [1], { rowMode: "array", parsers: own });
      expect(later.rows).toEqual([
        ["numeric 12.50", new Date("2026-12-01T10:00:00Z"), "text windows"],
      ]);
    } finally {
      if (textParser) db.parsers[25] = textParser;
      else delete db.parsers[25];
    }
  });

  it("parses a statement once however often it runs", async () => {
    const client = withPreparedStatements(db);
    const before = await preparedCount();
    const sql = "SELECT name FROM jobs WHERE id = $1";
    const names = [];
    for (const id of [1, 2, 1]) names.push((await client.query<{ name: string }>(sql, [id])).rows);
    expect(names).toEqual([[{ name: "windows" }], [{ name: "floors" }], [{ name: "windows" }]]);
    expect(await preparedCount()).toBe((before ?? 0) + 1);
  });

  it("runs statements past its bound unnamed, with the same answers", async () => {
    const bounded = await PgliteThread.start();
    try {
      const client = withPreparedStatements(bounded, 1);
      const sql = "SELECT $1::int + 1 AS next";
      const answers = [];
      for (const n of [1, 2]) answers.push((await client.query(sql, [n])).rows);
      for (const n of [3, 4]) answers.push((await client.query(`${sql}, 0 AS unnamed`, [n])).rows);
      expect(answers).toEqual([
        [{ next: 2 }],
        [{ next: 3 }],
        [{ next: 4, unnamed: 0 }],
        [{ next: 5, unnamed: 0 }],
      ]);
      const prepared = await bounded.query("SELECT statement FROM pg_prepared_statements");
      expect(prepared.rows).toEqual([{ statement: sql }]);
    } finally {
      await bounded.close();
    }
  });

  it("shares one PGlite's prepared statements among its clients", async () => {
    const sql = "SELECT name FROM jobs WHERE id = $1";
    const [first, second] = [withPreparedStatements(db), withPreparedStatements(db)];
    expect((await first.query(sql, [1])).rows).toEqual((await second.query(sql, [1])).rows);
  });

  it("reports a database error and goes on serving", async () => {
    const client = withPreparedStatements(db);
    const insert = "INSERT INTO jobs (name) VALUES ($1)";
    const duplicate = client.query(insert, ["windows"]);
    await expect(duplicate).rejects.toBeInstanceOf(messages.DatabaseError);
    await expect(duplicate).rejects.toMatchObject({ code: "23505" });
    await expect(client.query("SELEC 1")).rejects.toMatchObject({ code: "42601" });
    expect((await client.query(insert, ["ovens"])).affectedRows).toBe(1);
  });

  it("refuses a statement on a transaction that has ended", async () => {
    const client = withPreparedStatements(db);
    let ended: Transaction | undefined;
    await client.transaction(async (tx) => {
      ended = tx;
    });
    if (!ended) throw new Error("the transaction did not run");
    await expect(ended.query("SELECT 1")).rejects.toThrow("Transaction is closed");
  });

  it("keeps other queries out of an open transaction, and rolls it back whole", async () => {
    const client = withPreparedStatements(db);
    const count = "SELECT count(*)::int AS n FROM jobs";
    const before = (await client.query<{ n: number }>(count)).rows[0]?.n;
    let outside: Promise<unknown> | undefined;
    await client
      .transaction(async (tx) => {
        await tx.query("INSERT INTO jobs (name) VALUES ($1)", ["stairs"]);
        outside = client.query<{ n: number }>(count);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect((await tx.query<{ n: number }>(count)).rows[0]?.n).toBe((before ?? 0) + 1);
        await tx.query("INSERT INTO jobs (name) VALUES ($1)", ["windows"]);
      })
      .catch(() => {});
    expect(((await outside) as { rows: { n: number }[] }).rows[0]?.n).toBe(before);
    expect((await client.query<{ n: number }>(count)).rows[0]?.n).toBe(before);
  });
});

describe("PGlite with prepared statements, under a queue", () => {
  // A database of its own, with one client that reports each message to `onSend` first: prepared
  // statements' names belong to the database's session, and a second client over the shared
  // database's would give out names its first client already holds.
  let db: PgliteThread;
  let client: PgliteAdapterClient;
  let onSend: () => void = () => {};
  beforeAll(async () => {
    const own = await PgliteThread.start();
    db = own;
    client = withPreparedStatements({
      execProtocol: (message, options) => {
        onSend();
        return own.execProtocol(message, options);
      },
      serializers: own.serializers,
      parsers: own.parsers,
      exec: (sql, options) => own.exec(sql, options),
      transaction: (callback) => own.transaction(callback),
      _runExclusiveQuery: (fn) => own._runExclusiveQuery(fn),
      _runExclusiveTransaction: (fn) => own._runExclusiveTransaction(fn),
    });
  });
  afterAll(() => db.close());

  it("sends each statement of a queue in an event-loop turn of its own", async () => {
    const loop = countEventLoopTurns();
    const sentAtTurn: number[] = [];
    onSend = () => sentAtTurn.push(loop.turns());
    await client.query("SELECT $1::int", [0]); // parsed and described once, before the queue
    sentAtTurn.length = 0;
    await Promise.all(Array.from({ length: 5 }, (_, n) => client.query("SELECT $1::int", [n])));
    loop.stop();
    expect(sentAtTurn).toHaveLength(5);
    expect(new Set(sentAtTurn).size).toBe(5);
  });

  it("sends the next statement while the one before is still running", async () => {
    const events: string[] = [];
    onSend = () => events.push("sent");
    const slow = "SELECT pg_sleep($1::float8)";
    await client.query(slow, [0]);
    await client.query("SELECT $1::int", [0]);
    events.length = 0;
    await Promise.all([
      client.query(slow, [1]).then(() => events.push("slow answered")),
      client.query("SELECT $1::int", [1]).then(() => events.push("quick answered")),
    ]);
    // Held until the slow one's answer, the lock would have kept the quick one unsent for 1 s.
    expect(events).toEqual(["sent", "sent", "slow answered", "quick answered"]);
  });
});
