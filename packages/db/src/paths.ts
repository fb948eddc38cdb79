// Where the schema and migrations live, for the tooling (never for the running app, which
// uses migrations embedded at generate time so it works from any bundle or folder).
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../..",
);
export const schemaPath = path.join(repositoryRoot, "prisma", "schema.prisma");
export const migrationsDirectory = path.join(repositoryRoot, "prisma", "migrations");
export const generatedDirectory = path.join(repositoryRoot, "packages", "db", "src", "generated");
