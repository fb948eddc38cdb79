import { describe, expect, it } from "vitest";
import { preparedStatementNames } from "./prepared-statements.ts";
import { openTestDatabase, testDatabaseKind } from "./testing.ts";

describe("preparedStatementNames", () => {
  it("gives one text one name, and different texts different names", () => {
    const nameOf = preparedStatementNames();
    const first = nameOf({ sql: "SELECT 1" });
    expect(first).not.toBe("");
    expect(nameOf({ sql: "SELECT 1" })).toBe(first);
    expect(nameOf({ sql: "SELECT 2" })).not.toBe(first);
  });

  it("runs new texts unnamed once the limit is reached, and keeps the names it gave", () => {
    const nameOf = preparedStatementNames(2);
    const first = nameOf({ sql: "SELECT 1" });
    nameOf({ sql: "SELECT 2" });
    expect(nameOf({ sql: "SELECT 3" })).toBe("");
    expect(nameOf({ sql: "SELECT 1" })).toBe(first);
  });
});

describe(`statements of the app's client on ${testDatabaseKind}`, () => {
  it("are parsed once and stay prepared on their connection", async () => {
    const database = await openTestDatabase({ poolSize: 1 });
    try {
      for (let round = 0; round < 3; round += 1) await database.prisma.cleaning.count();
      const prepared = await database.prisma.$queryRaw<{ statement: string }[]>`
        SELECT statement FROM pg_prepared_statements`;
      const counts = prepared.filter(({ statement }) => /count/i.test(statement));
      expect(counts).toHaveLength(1);
    } finally {
      await database.close();
    }
  });
});
