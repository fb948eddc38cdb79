// `pnpm db:migrate:create <name> | db:migrate:deploy | db:migrate:status | db:drift`
// Offline replacements for `prisma migrate dev --create-only`, `migrate deploy`, `migrate status`
// and `migrate diff --exit-code`, on the database that the configuration names (DATABASE_URL,
// else the embedded database in the data directory).
import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { ConfigError, loadConfig } from "@phresh/config";
import pg from "pg";
import { writeEmbeddedMigrations } from "../../scripts/generate.ts";
import { openDatabase } from "../connection.ts";
import { acquireDirectoryLock } from "../directory-lock.ts";
import { DatabaseError } from "../errors.ts";
import { readMigrationStatus } from "../migrations/apply.ts";
import { readMigrationFiles, writeMigrationFile } from "../migrations/files.ts";
import { checkDrift, draftMigration } from "../migrations/schema-engine.ts";
import { pgliteSession, withPostgresSession } from "../migrations/sql-session.ts";
import { migrationsDirectory, repositoryRoot, schemaPath } from "../paths.ts";

const USAGE = "usage: migrate <create NAME | deploy | status | drift>";

async function main(command: string | undefined, argument: string | undefined): Promise<number> {
  const config = loadConfig();
  const schema = { path: schemaPath, content: readFileSync(schemaPath, "utf8") };
  const migrations = readMigrationFiles(migrationsDirectory);
  const where =
    config.database.kind === "postgres"
      ? "PostgreSQL (DATABASE_URL)"
      : config.database.dataDirectory;
  switch (command) {
    case "create": {
      if (!argument || !/^[a-z0-9_]+$/.test(argument)) {
        console.error(
          "Give the migration a name of lower-case letters, digits and underscores, e.g. add_owner.",
        );
        return 2;
      }
      const draft = await draftMigration(schema, migrationsDirectory, migrations, argument);
      if (!draft) {
        console.log("The schema matches the migrations: nothing to create.");
        return 0;
      }
      const folder = writeMigrationFile(migrationsDirectory, draft.name, draft.sql);
      writeEmbeddedMigrations();
      console.log(
        `Created ${path.relative(repositoryRoot, folder)}/migration.sql. Review it, then run 'pnpm db:migrate:deploy'.`,
      );
      return 0;
    }
    case "deploy": {
      const database = await openDatabase(config.database, { migrations });
      await database.close();
      console.log(
        database.appliedMigrations.length > 0
          ? `Applied to ${where}: ${database.appliedMigrations.join(", ")}`
          : `${where} is up to date.`,
      );
      return 0;
    }
    case "status": {
      const status = await readStatus(config.database, migrations);
      console.log(`Migrations on ${where}:`);
      for (const name of status.applied)
        console.log(
          `  applied  ${name}${status.modified.includes(name) ? " (file changed since!)" : ""}`,
        );
      for (const name of status.pending) console.log(`  pending  ${name}`);
      for (const name of status.failed) console.log(`  FAILED   ${name}`);
      for (const name of status.unknown)
        console.log(
          `  unknown  ${name} (recorded in the database, missing from prisma/migrations)`,
        );
      return status.pending.length + status.failed.length + status.modified.length > 0 ? 1 : 0;
    }
    case "drift": {
      const result = await checkDrift(config.database, schema);
      if (result.drifted) {
        console.error(`${where} differs from prisma/schema.prisma:\n${result.summary}`);
        return 1;
      }
      console.log(`${where} matches prisma/schema.prisma.`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

async function readStatus(
  target: ReturnType<typeof loadConfig>["database"],
  migrations: ReturnType<typeof readMigrationFiles>,
) {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 1 });
    try {
      return await withPostgresSession(pool, (session) => readMigrationStatus(session, migrations));
    } finally {
      await pool.end();
    }
  }
  const release = acquireDirectoryLock(target.dataDirectory);
  const embedded = await PGlite.create(target.dataDirectory);
  try {
    return await readMigrationStatus(pgliteSession(embedded), migrations);
  } finally {
    await embedded.close();
    release();
  }
}

main(process.argv[2], process.argv[3]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Known failures are one readable line; anything else is a bug worth its stack.
    if (error instanceof DatabaseError || error instanceof ConfigError)
      console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
