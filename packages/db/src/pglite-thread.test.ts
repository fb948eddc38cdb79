import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { messages } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgliteThread } from "./pglite-thread.ts";
import { countEventLoopTurns } from "./testing.ts";

describe("the embedded database on a thread of its own", () => {
  let db: PgliteThread;

  beforeAll(async () => {
    db = await PgliteThread.start();
  });
  afterAll(() => db.close());

  it("leaves the event loop free while a statement runs", async () => {
    const loop = countEventLoopTurns();
    await db.query("SELECT pg_sleep(0.3)");
    loop.stop();
    // In-process PGlite holds the loop for the whole statement: not one turn.
    expect(loop.turns()).toBeGreaterThan(10);
  });

  it("answers queries, scripts and transactions as PGlite does", async () => {
    expect((await db.query("SELECT $1::int + 1 AS n", [41])).rows).toEqual([{ n: 42 }]);
    await db.exec("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)");
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO notes (body) VALUES ($1)", ["kept"]);
    });
    await db
      .transaction(async (tx) => {
        await tx.query("INSERT INTO notes (body) VALUES ($1)", ["rolled back"]);
        throw new Error("abandoned");
      })
      .catch(() => {});
    expect((await db.query("SELECT body FROM notes")).rows).toEqual([{ body: "kept" }]);
    // Arrays come back parsed: the element types' parsers are read from the database at start.
    expect((await db.query("SELECT ARRAY[1, 2]::int[] AS list")).rows).toEqual([{ list: [1, 2] }]);
  });

  it("raises PGlite's database error with PostgreSQL's code, and goes on serving", async () => {
    const failing = db.query("SELECT 1 / 0");
    await expect(failing).rejects.toBeInstanceOf(messages.DatabaseError);
    await expect(failing).rejects.toMatchObject({ code: "22012" });
    expect((await db.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("hears the notifications of its own commits", async () => {
    const heard: string[] = [];
    const unlisten = await db.listen("note_changes", (payload) => heard.push(payload));
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_notify('note_changes', 'inside')");
      expect(heard).toEqual([]); // not before the commit
    });
    await db.query("SELECT pg_notify('note_changes', 'outside')");
    await unlisten();
    await db.query("SELECT pg_notify('note_changes', 'after unlisten')");
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(["inside", "outside"]);
  });
});

describe("listening inside a transaction on the embedded database's thread", () => {
  it("starts listening with the transaction's statement, and hears after the commit", async () => {
    const db = await PgliteThread.start();
    try {
      const heard: string[] = [];
      await db.transaction(async (tx) => {
        await tx.listen("in_transaction", (payload) => heard.push(payload));
        await tx.query("SELECT pg_notify('in_transaction', 'committed')");
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(heard).toEqual(["committed"]);
    } finally {
      await db.close();
    }
  });
});

describe("starting the embedded database's thread", () => {
  it("reports a data directory it cannot open", async () => {
    await expect(
      PgliteThread.start({ dataDirectory: "/proc/phresh-cannot-be-here" }),
    ).rejects.toThrow();
  });
});

/** Runs `body` in a process of its own, after importing PgliteThread; its output and status. */
function inOwnProcess(body: string) {
  const module = JSON.stringify(fileURLToPath(new URL("./pglite-thread.ts", import.meta.url)));
  const directory = mkdtempSync(path.join(os.tmpdir(), "phresh-thread-"));
  const script = path.join(directory, "script.mts");
  writeFileSync(script, `import { PgliteThread } from ${module};\n${body}`);
  try {
    return spawnSync(process.execPath, ["--import", "tsx", script], {
      encoding: "utf8",
      timeout: 120_000,
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe("the embedded database's thread and its process", () => {
  it("keeps the process running until a close has finished", () => {
    const result = inOwnProcess(`
      const db = await PgliteThread.start();
      await db.query("SELECT 1");
      await db.close();
      console.log("closed");`);
    expect(result.stdout).toContain("closed");
    expect(result.status).toBe(0);
  });

  it("does not keep an idle process running, as an in-process database would not", () => {
    const result = inOwnProcess(`
      const db = await PgliteThread.start();
      await db.query("SELECT 1");
      console.log("answered");`);
    expect(result.stdout).toContain("answered");
    // Killed by the timeout instead, the status would be null.
    expect(result.status).toBe(0);
  });
});
