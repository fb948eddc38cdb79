// Next.js's server hooks. `register` runs once when Next starts (never during `next build`):
// under `next dev` it opens the database and applies pending migrations, so a broken setup stops
// the server at once with one readable line. Under server.ts, which loads Next only for the
// first page, the server is open already and this does nothing.
import { noteDatabaseOutage } from "@phresh/api/http";

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./server/startup.ts");
  await startServer({ announce: true });
}

/**
 * Called when rendering a page fails, before Next sends its 500: a failure to reach the
 * database marks the request, and the server answers 503 instead (server/outage-page.ts).
 * Synchronous on purpose: the mark must be there before the answer's head is written.
 */
export function onRequestError(error: unknown): void {
  noteDatabaseOutage(error);
}
