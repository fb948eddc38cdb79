// How many worker processes serve requests on PostgreSQL: WEB_CONCURRENCY (the name Heroku,
// Render and gunicorn use), by default one per core.
import os from "node:os";
import { ConfigError } from "@phresh/config";

const MAXIMUM_WORKERS = 256;

export function workerCount(given: string | undefined, cores = os.availableParallelism()): number {
  if (given === undefined || given.trim() === "") return cores;
  const count = Number(given);
  if (!Number.isInteger(count) || count < 1 || count > MAXIMUM_WORKERS)
    throw new ConfigError(
      `WEB_CONCURRENCY must be a whole number of worker processes from 1 to ${MAXIMUM_WORKERS}, not "${given}".`,
    );
  return count;
}
