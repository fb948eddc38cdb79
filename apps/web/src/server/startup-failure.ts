// How the server reports that it cannot start: known set-up problems (configuration, database,
// a port it cannot have) as one line that says what to do; anything else keeps its stack.
import { runShutdownHooks } from "@phresh/api/http";
import { ConfigError } from "@phresh/config";
import { DatabaseError } from "@phresh/db/errors";

export function exitOnStartupFailure(error: unknown): never {
  if (error instanceof DatabaseError || error instanceof ConfigError)
    console.error(`Phresh cannot start: ${error.message}`);
  else console.error("Phresh cannot start:", error);
  process.exit(1);
}

type Listen = { hostname: string; port: number };

const LISTEN_FAILURES: Record<string, (listen: Listen) => string> = {
  EADDRINUSE: ({ hostname, port }) =>
    `port ${port} of ${hostname} is in use. Stop what listens there, or set PORT to another port.`,
  EACCES: ({ port }) =>
    `port ${port} needs privileges this process lacks. Set PORT to 1024 or above.`,
  EADDRNOTAVAIL: ({ hostname }) =>
    `${hostname} is not an address of this machine. Set HOSTNAME to one (0.0.0.0 is every address).`,
};

/**
 * The HTTP server could not listen: the database is already open, so it is closed cleanly
 * before the process ends with code 1.
 */
export async function exitOnListenFailure(error: NodeJS.ErrnoException, listen: Listen) {
  const reason = LISTEN_FAILURES[error.code ?? ""];
  if (reason) console.error(`Phresh cannot start: ${reason(listen)}`);
  else console.error("Phresh cannot start:", error);
  await runShutdownHooks();
  process.exit(1);
}
