// How many worker processes serve requests on PostgreSQL: WEB_CONCURRENCY (the name Heroku,
// Render and gunicorn use), by default one per core, less one when PostgreSQL runs on this
// machine too. Measured on 2 cores with PostgreSQL beside the server (bench/RESULTS.md, round
// four): one process served GET cleaning at 1,000-1,100 req/s with p99 102-134 ms where two
// workers gave 700-800 req/s and 230-267 ms, and the jobs search likewise: two busy workers and
// PostgreSQL's backends crowding two cores lose more to scheduling than the second core gives.
import net from "node:net";
import os from "node:os";
import { ConfigError } from "@phresh/config";

const MAXIMUM_WORKERS = 256;

export type WorkerCountDefaults = {
  cores: number;
  /** PostgreSQL shares this machine's cores (see databaseOnThisMachine). */
  databaseOnThisMachine: boolean;
};

export function workerCount(
  given: string | undefined,
  defaults: WorkerCountDefaults = {
    cores: os.availableParallelism(),
    databaseOnThisMachine: false,
  },
): number {
  if (given === undefined || given.trim() === "")
    return defaults.databaseOnThisMachine ? Math.max(1, defaults.cores - 1) : defaults.cores;
  const count = Number(given);
  if (!Number.isInteger(count) || count < 1 || count > MAXIMUM_WORKERS)
    throw new ConfigError(
      `WEB_CONCURRENCY must be a whole number of worker processes from 1 to ${MAXIMUM_WORKERS}, not "${given}".`,
    );
  return count;
}

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]", "::1"]);

/**
 * Whether a PostgreSQL URL reaches a server on this machine: a loopback address, or a Unix
 * socket (no host, or a host that is a directory, also when given as the `host` parameter).
 */
export function databaseOnThisMachine(databaseUrl: string): boolean {
  const url = new URL(databaseUrl);
  const socketDirectory = url.searchParams.get("host");
  if (socketDirectory?.startsWith("/")) return true;
  const host = decodeURIComponent(url.hostname);
  return (
    host === "" ||
    host.startsWith("/") ||
    LOOPBACK_HOSTS.has(host) ||
    (net.isIPv4(host) && host.startsWith("127."))
  );
}
