// How a server stops: it accepts nothing new, lets the requests in flight finish for up to
// DRAIN_TIMEOUT_MS, then closes what is left. The serving process (http-server.ts) and the
// pages process (pages-server.ts) both stop so.
import type http from "node:http";

export const DRAIN_TIMEOUT_MS = 10_000;

/** Resolves once `server`'s requests in flight have finished, or after DRAIN_TIMEOUT_MS. */
export async function drain(server: http.Server, finished: Promise<void>): Promise<void> {
  server.close();
  server.closeIdleConnections();
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref());
  await Promise.race([finished, timeout]);
  server.closeAllConnections();
}
