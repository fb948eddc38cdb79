import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type DatabaseTarget, openDatabase } from "../connection.ts";
import { MigrationFailedError } from "../errors.ts";
import { embeddedMigrations } from "../generated/migrations.ts";
import { migrationsDirectory, schemaPath } from "../paths.ts";
import { createPostgresTestDatabase, testDatabaseKind } from "../testing.ts";
import { readMigrationFiles } from "./files.ts";
import { checkDrift, diagnoseHistory, draftMigration } from "./schema-engine.ts";

const schema = { path: schemaPath, content: readFileSync(schemaPath, "utf8") };
const cleanups: (() => Promise<void>)[] = [];
const ALL_TABLES = [
  "_prisma_migrations",
  "account_tokens",
  "cleanings",
  "evaluations",
  "mail_outbox",
  "offers",
  "profiles",
  "rate_limits",
  "revoked_access_tokens",
  "users",
];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(() => {
  if (initialisedDirectory) rmSync(initialisedDirectory, { recursive: true, force: true });
});

// initdb takes seconds (tens of seconds on a busy machine): it runs once for the file, and each
// test copies its result. Creating a data directory from nothing is connection.test.ts's concern.
let initialisedDirectory: string | undefined;

async function initialisedDataDirectory(): Promise<string> {
  if (!initialisedDirectory) {
    const directory = mkdtempSync(path.join(os.tmpdir(), "phresh-migrations-initdb-"));
    await (await PGlite.create(directory)).close();
    initialisedDirectory = directory;
  }
  return initialisedDirectory;
}

/** An empty database that outlives one connection: a temp directory, or a fresh PostgreSQL database. */
async function emptyDatabase(): Promise<DatabaseTarget> {
  if (testDatabaseKind === "postgres") {
    const created = await createPostgresTestDatabase();
    cleanups.push(created.drop);
    return { kind: "postgres", url: created.url };
  }
  const directory = mkdtempSync(path.join(os.tmpdir(), "phresh-migrations-"));
  cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
  const dataDirectory = path.join(directory, "pglite");
  cpSync(await initialisedDataDirectory(), dataDirectory, { recursive: true });
  return { kind: "pglite", dataDirectory };
}

async function tableNames(target: DatabaseTarget): Promise<string[]> {
  const database = await openDatabase(target, { migrations: [] });
  try {
    const rows = await database.prisma.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
    return rows.map((row) => row.name);
  } finally {
    await database.close();
  }
}

describe(`migrations on ${testDatabaseKind}`, () => {
  it("embeds exactly the migrations of prisma/migrations", () => {
    expect(embeddedMigrations).toEqual(readMigrationFiles(migrationsDirectory));
  });

  it("keeps every existing account and cleaning through the marketplace migration, each account with an empty profile", async () => {
    const target = await emptyDatabase();
    const marketplace = embeddedMigrations.findIndex((migration) =>
      migration.name.endsWith("_marketplace"),
    );
    expect(marketplace).toBeGreaterThan(0);
    const before = await openDatabase(target, {
      migrations: embeddedMigrations.slice(0, marketplace),
    });
    try {
      await before.prisma.$executeRaw`
        INSERT INTO users (id, email, name, name_key, hashed_password)
        VALUES ('6f1c1d3e-0000-4000-8000-000000000001', 'old@example.com', 'Oldie', 'oldie', 'x')`;
      await before.prisma.$executeRaw`
        INSERT INTO cleanings (name, price, owner_id)
        VALUES ('Attic', 120, '6f1c1d3e-0000-4000-8000-000000000001'), ('Legacy', 5, NULL)`;
    } finally {
      await before.close();
    }
    const after = await openDatabase(target);
    try {
      const rows = await after.prisma.$queryRaw<{ name: string; profiles: bigint }[]>`
        SELECT u.name, (SELECT count(*) FROM profiles p WHERE p.user_id = u.id) AS profiles
        FROM users u`;
      expect(rows).toEqual([{ name: "Oldie", profiles: 1n }]);
      const cleanings = await after.prisma.cleaning.findMany({ orderBy: { id: "asc" } });
      expect(cleanings.map((cleaning) => [cleaning.name, cleaning.price.toNumber()])).toEqual([
        ["Attic", 120],
        ["Legacy", 5],
      ]);
    } finally {
      await after.close();
    }
  });

  it("applies every migration to an empty database, then nothing on the next start", async () => {
    const target = await emptyDatabase();
    const first = await openDatabase(target);
    expect(first.appliedMigrations).toEqual(embeddedMigrations.map((migration) => migration.name));
    await first.close();
    const second = await openDatabase(target);
    expect(second.appliedMigrations).toEqual([]);
    await second.close();
    expect(await tableNames(target)).toEqual(ALL_TABLES);
  });

  it("keeps cleanings created before accounts existed, without an owner", async () => {
    const target = await emptyDatabase();
    const [init, ...later] = embeddedMigrations;
    if (!init) throw new Error("no migrations");
    const before = await openDatabase(target, { migrations: [init] });
    await before.prisma.$executeRawUnsafe(
      `INSERT INTO "cleanings" (name, price, cleaning_type, updated_at) VALUES ('Legacy', 10, 'dust_up', now())`,
    );
    await before.close();
    const after = await openDatabase(target);
    expect(after.appliedMigrations).toEqual(later.map((migration) => migration.name));
    const legacy = await after.prisma.cleaning.findMany({ where: { name: "Legacy" } });
    await after.close();
    expect(legacy).toEqual([
      expect.objectContaining({ name: "Legacy", ownerId: null, cleaningType: "dust_up" }),
    ]);
  });

  it("reports a broken migration by name and leaves the database as it was", async () => {
    const target = await emptyDatabase();
    await (await openDatabase(target)).close();
    const broken = {
      name: "29990101000000_broken",
      sql: 'CREATE TABLE "half_done" (id INT);\nALTER TABLE "no_such_table" ADD COLUMN x INT;',
    };
    const attempt = openDatabase(target, { migrations: [...embeddedMigrations, broken] });
    await expect(attempt).rejects.toThrow(MigrationFailedError);
    await expect(attempt).rejects.toThrow(
      /29990101000000_broken failed: .*no_such_table.*database is unchanged/,
    );
    expect(await tableNames(target)).toEqual(ALL_TABLES);
    // Nothing is recorded, so fixing the file and starting again just works.
    const fixed = { ...broken, sql: 'CREATE TABLE "half_done" (id INT);' };
    const database = await openDatabase(target, { migrations: [...embeddedMigrations, fixed] });
    expect(database.appliedMigrations).toEqual([fixed.name]);
    await database.close();
  });

  it("leaves records that Prisma's own engine reads as an up-to-date history", async () => {
    const target = await emptyDatabase();
    await (await openDatabase(target)).close();
    const diagnosis = await diagnoseHistory(
      target,
      schema,
      migrationsDirectory,
      embeddedMigrations,
    );
    expect(diagnosis.history).toBeNull();
    expect(diagnosis.failedMigrationNames).toEqual([]);
    expect(diagnosis.editedMigrationNames).toEqual([]);
  });

  it("finds no drift after deploy, and finds it after a change made by hand", async () => {
    const target = await emptyDatabase();
    await (await openDatabase(target)).close();
    expect(await checkDrift(target, schema)).toEqual({
      drifted: false,
      summary: expect.any(String),
    });
    const database = await openDatabase(target);
    await database.prisma.$executeRawUnsafe('ALTER TABLE "cleanings" ADD COLUMN "by_hand" INT');
    await database.close();
    const drift = await checkDrift(target, schema);
    expect(drift.drifted).toBe(true);
    expect(drift.summary).toMatch(/cleanings/);
  });
});

describe("creating migrations", () => {
  it("creates nothing when the schema matches the migrations", async () => {
    expect(
      await draftMigration(schema, migrationsDirectory, embeddedMigrations, "noop"),
    ).toBeNull();
  });

  it("drafts the SQL for a schema change", async () => {
    const changed = {
      ...schema,
      content: `${schema.content}\nmodel Tag {\n  id Int @id\n  label String\n}\n`,
    };
    const draft = await draftMigration(changed, migrationsDirectory, embeddedMigrations, "add_tag");
    expect(draft?.name).toMatch(/^\d{14}_add_tag$/);
    expect(draft?.sql).toContain('CREATE TABLE "Tag"');
  });
});
