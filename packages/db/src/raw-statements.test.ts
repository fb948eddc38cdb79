// The raw path must be a drop-in for `$queryRaw` on what it decodes: same rows, same errors, the
// same observers; and it refuses what it does not decode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUniqueViolation } from "./errors.ts";
import { Prisma } from "./generated/prisma/client.ts";
import { openTestDatabase, type TestDatabase, testDatabaseKind } from "./testing.ts";

let database: TestDatabase;
const statements: string[] = [];
beforeAll(async () => {
  database = await openTestDatabase({ onStatement: (sql) => statements.push(sql) });
});
afterAll(() => database.close());

describe(`raw statements on ${testDatabaseKind}`, () => {
  it("returns the rows $queryRaw returns, for every column type it decodes, nulls included", async () => {
    const at = new Date("2026-12-03T19:05:14.123Z");
    const columns = (value: number) => Prisma.sql`
      SELECT ${value}::int4 AS int4, ${value}::int8 AS int8, ${value / 4}::float8 AS float8,
             ${value % 2 === 0} AS bool, ${`text ${value}`} AS text, 'x'::char AS char,
             '6f1c2f6e-4f3b-4a3e-9c55-7d5f1f8e2a10'::uuid AS uuid,
             ${at}::timestamptz AS timestamptz, ${at}::timestamp AS timestamp,
             '2026-12-03'::date AS date, 'full_clean'::"CleaningType" AS enum,
             ${value * 1.25}::numeric(10, 2) AS numeric,
             NULL::int4 AS missing`;
    for (const value of [7, 10]) {
      const raw = await database.sql`${columns(value)}`;
      const prisma = await database.prisma.$queryRaw`${columns(value)}`;
      expect(raw).toEqual(prisma);
    }
    const [row] = await database.sql<{ int8: bigint; timestamptz: Date }>`${columns(7)}`;
    expect(row?.int8).toBe(7n);
    expect(row?.timestamptz).toEqual(at);
  });

  it("sends Decimal arguments as $queryRaw sends them, in lists too", async () => {
    const prices = [new Prisma.Decimal("12.50"), new Prisma.Decimal("0.000001")];
    const statement = Prisma.sql`
      SELECT ${prices[0]}::numeric AS price, ${prices[1]}::numeric(12, 6) AS small,
             ${prices[1]}::numeric = ANY(${prices}::numeric[]) AS listed`;
    const raw = await database.sql`${statement}`;
    expect(raw).toEqual(await database.prisma.$queryRaw`${statement}`);
    expect(raw).toEqual([
      { price: new Prisma.Decimal("12.5"), small: new Prisma.Decimal("0.000001"), listed: true },
    ]);
  });

  it("takes values of the SQL fragments nested in it, lists included", async () => {
    const keys = Prisma.join(["a", "b", "c"]);
    const rows = await database.sql<{ key: string }>`
      SELECT key FROM unnest(ARRAY[${keys}]::text[]) AS key WHERE key IN (${Prisma.join(["a", "c"])})
      ORDER BY key`;
    expect(rows).toEqual([{ key: "a" }, { key: "c" }]);
  });

  it("reports a taken unique value as $queryRaw does, naming the constraint", async () => {
    const insert = () =>
      database.sql`INSERT INTO rate_limits (key, points) VALUES ('raw-statements-taken', 1)`;
    await insert();
    const failure = await insert().catch((error: unknown) => error);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(String(failure)).toMatch(/rate_limits_pkey/);
    expect(failure).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  });

  it("refuses a column type it does not decode, rather than returning it in another form", async () => {
    await expect(database.sql`SELECT '{"a": 1}'::jsonb AS settings`).rejects.toThrow(
      /column "settings" has a type/,
    );
  });

  it("passes through the database's statement observers", async () => {
    statements.length = 0;
    await database.sql`SELECT 1 AS observed`;
    expect(statements).toEqual([expect.stringMatching(/SELECT 1 AS observed/)]);
  });
});
