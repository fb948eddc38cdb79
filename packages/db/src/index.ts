export {
  CALLER_CHANGES_APPLICATION_NAME,
  CALLER_CHANGES_CHANNEL,
  type CallerChange,
  type CallerChangeHandlers,
  type CallerChangeWatcher,
  syncMarkerPayload,
} from "./caller-changes.ts";
export {
  type Database,
  type DatabaseTarget,
  type OpenOptions,
  openDatabase,
} from "./connection.ts";
export { createEmbeddedDirectory } from "./embedded-initdb.ts";
export {
  DatabaseError,
  DatabaseUnavailableError,
  DataDirectoryLockedError,
  driverAdapterErrorKind,
  isDatabaseUnavailable,
  isUniqueViolation,
  MigrationFailedError,
} from "./errors.ts";
export type { Cleaning, User } from "./generated/prisma/client.ts";
export { CleaningType, Prisma, PrismaClient } from "./generated/prisma/client.ts";
export type { RawQuery } from "./raw-statements.ts";
