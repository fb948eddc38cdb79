// Prisma's schema engine, compiled to WebAssembly and driven through a driver adapter: it
// creates migrations from schema changes and checks drift without the native engine that
// Prisma's CLI would download. Tooling only; the running app never loads it.
//
// This is an internal Prisma API, pinned with prisma 7.10.0 and covered by migrations.test.ts.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseTarget } from "../connection.ts";
import { acquireDirectoryLock } from "../directory-lock.ts";
import { applyMigrations, type Migration } from "./apply.ts";
import { readLockfile } from "./files.ts";
import { pgliteSession, type SqlSession } from "./sql-session.ts";

const NO_FILTERS = { externalTables: [], externalEnums: [] };

export type SchemaSource = { path: string; content: string };

let schemaEngineClass: Promise<typeof SchemaEngine> | undefined;

/** Instantiates the wasm once per process: the glue keeps views of the module's memory. */
function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  schemaEngineClass ??= instantiateSchemaEngine();
  return schemaEngineClass;
}

async function instantiateSchemaEngine(): Promise<typeof SchemaEngine> {
  // The package entry imports the .wasm as an ES module, which Node 20 cannot; load the
  // wasm-bindgen glue and instantiate the module by hand instead.
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(gluePath);
  const bytes = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    "./schema_engine_bg.js": glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return glue.SchemaEngine;
}

// @prisma/adapter-pg 7.10 cannot decode PostgreSQL's internal type "char" (OID 18), which the
// engine reads from pg_catalog when it describes a live schema. Inside this tool only, those
// columns are reported as text (OID 25).
class CharAsTextClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg.Client.query has a dozen overloads to pass through.
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: pg.QueryResult) =>
        last(error, error ? result : reportCharAsText(result));
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const pending = (super.query as any)(...args);
    return pending && typeof pending.then === "function" ? pending.then(reportCharAsText) : pending;
  }
}

function reportCharAsText(result: pg.QueryResult): pg.QueryResult {
  for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
  return result;
}

type PostgresSettings = pg.PoolConfig & { database: string };

function postgresSettings(url: string): PostgresSettings {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database: decodeURIComponent(parsed.pathname.slice(1)) || "postgres",
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    Client: CharAsTextClient,
  };
}

// @prisma/adapter-pg 7.10's own shadow database is the real one when it was given a URL, and
// it drops the shadow before closing its pool. So the shadow is created and dropped here.
function postgresFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const settings = postgresSettings(url);
  const main = new PrismaPg(new pg.Pool(settings));
  const administer = async (sql: string) => {
    const client = new pg.Client(settings);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb() {
      const name = `phresh_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      await administer(`CREATE DATABASE "${name}"`);
      const shadowPool = new pg.Pool({ ...settings, database: name });
      const adapter = await new PrismaPg(shadowPool).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await shadowPool.end().catch(() => {});
        await administer(`DROP DATABASE IF EXISTS "${name}"`);
      };
      return adapter;
    },
  };
}

let freshClusterImage: Promise<Blob> | undefined;

/**
 * An empty in-memory database. Creating one runs initdb, which takes seconds (tens of seconds on
 * a busy machine), and drafting a migration needs three (a scratch database and the engine's two
 * shadows): initdb runs once per process, and every later database starts from a copy of its
 * result in a fraction of a second.
 */
async function freshInMemoryDatabase(): Promise<PGlite> {
  freshClusterImage ??= initialisedClusterImage().catch((error: unknown) => {
    freshClusterImage = undefined;
    throw error;
  });
  return PGlite.create({ loadDataDir: await freshClusterImage });
}

async function initialisedClusterImage(): Promise<Blob> {
  const database = await PGlite.create();
  try {
    return await database.dumpDataDir("none");
  } finally {
    await database.close();
  }
}

// pglite-prisma-adapter's own shadow database runs initdb each time and is never closed; these
// shadows start from the initialised image and are closed when the engine lets go of them.
function pgliteFactory(main: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(main);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    async connectToShadowDb() {
      const shadow = await freshInMemoryDatabase();
      const adapter = await new PrismaPGlite(shadow).connect();
      adapter.dispose = () => shadow.close();
      return adapter;
    },
  };
}

/**
 * Runs `work` with an engine connected to `target`; always frees the engine and the connection.
 * `prepare` runs first on an embedded target (e.g. to bring a scratch database up to date).
 */
export async function withSchemaEngine<T>(
  target: DatabaseTarget,
  schema: SchemaSource,
  work: (engine: SchemaEngine) => Promise<T>,
  prepare?: (session: SqlSession) => Promise<unknown>,
): Promise<T> {
  let embedded: PGlite | undefined;
  let releaseLock = () => {};
  let factory: SqlMigrationAwareDriverAdapterFactory;
  if (target.kind === "postgres") {
    factory = postgresFactory(target.url);
  } else {
    if (target.dataDirectory) releaseLock = acquireDirectoryLock(target.dataDirectory);
    embedded = target.dataDirectory
      ? await PGlite.create(target.dataDirectory)
      : await freshInMemoryDatabase();
    await prepare?.(pgliteSession(embedded));
    factory = pgliteFactory(embedded);
  }
  const SchemaEngineClass = await loadSchemaEngine();
  const engine = await SchemaEngineClass.new(
    { datamodels: [[schema.path, schema.content]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await embedded?.close();
    releaseLock();
  }
}

export function migrationList(directory: string, migrations: readonly Migration[]): MigrationList {
  return {
    baseDir: directory,
    lockfile: { path: "migration_lock.toml", content: readLockfile(directory) },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
    })),
  };
}

/**
 * The SQL that takes a database with `migrations` applied to `schema`, or null when there is
 * nothing to do. Like `prisma migrate dev --create-only`: the migrations are replayed on a
 * shadow database (in memory for PGlite) and compared with the schema. The scratch database
 * the engine talks to is brought up to date first, as a developer's database would be.
 */
export async function draftMigration(
  schema: SchemaSource,
  directory: string,
  migrations: readonly Migration[],
  name: string,
): Promise<{ name: string; sql: string } | null> {
  return withSchemaEngine(
    { kind: "pglite" },
    schema,
    async (engine) => {
      const list = migrationList(directory, migrations);
      // devDiagnostic replays the migrations on the shadow database and caches the result that
      // createMigration then diffs against (the wasm createMigration has no shadow of its own).
      await engine.devDiagnostic({ migrationsList: list, filters: NO_FILTERS });
      const created = await engine.createMigration({
        draft: false,
        migrationName: name,
        migrationsList: list,
        schema: { files: [schema] },
        filters: NO_FILTERS,
      });
      return created.migrationScript
        ? { name: created.generatedMigrationName, sql: created.migrationScript }
        : null;
    },
    (session) => applyMigrations(session, migrations),
  );
}

/** Compares the live database with the schema: `drifted` is false when they match. */
export async function checkDrift(
  target: DatabaseTarget,
  schema: SchemaSource,
): Promise<{ drifted: boolean; summary: string }> {
  return withSchemaEngine(target, schema, async (engine) => {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [schema], configDir: path.dirname(schema.path) },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: false,
      exitCode: true,
      filters: NO_FILTERS,
    });
    return { drifted: result.exitCode !== 0, summary: result.stdout?.trim() ?? "" };
  });
}

/** What Prisma's own engine makes of the migration history (used to prove compatibility). */
export async function diagnoseHistory(
  target: DatabaseTarget,
  schema: SchemaSource,
  directory: string,
  migrations: readonly Migration[],
) {
  return withSchemaEngine(target, schema, (engine) =>
    engine.diagnoseMigrationHistory({
      migrationsList: migrationList(directory, migrations),
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    }),
  );
}
