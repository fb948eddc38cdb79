// The production server's helper processes run the same script (server.ts) in another role,
// told by an environment variable: a short-lived one that applies migrations (migrations.ts) and
// the one that renders pages on PostgreSQL (pages-process.ts).
import { type ChildProcess, fork } from "node:child_process";

const ROLE_VARIABLE = "PHRESH_SERVER_ROLE";

export type ServerRole = "migrate" | "pages";

/** The role this process was started in, or undefined for a serving process (or primary). */
export function serverRole(): ServerRole | undefined {
  const role = process.env[ROLE_VARIABLE];
  return role === "migrate" || role === "pages" ? role : undefined;
}

/** Starts this same server script in `role`, with an IPC channel and the same output. */
export function forkServerProcess(
  role: ServerRole,
  environment: Record<string, string> = {},
): ChildProcess {
  const script = process.argv[1];
  if (!script) throw new Error("the server script is unknown");
  const inherited = { ...process.env };
  // Node's cluster module tells its workers by this variable: a cluster worker's child must
  // not take itself for a worker.
  delete inherited.NODE_UNIQUE_ID;
  return fork(script, process.argv.slice(2), {
    env: { ...inherited, ...environment, [ROLE_VARIABLE]: role },
  });
}
