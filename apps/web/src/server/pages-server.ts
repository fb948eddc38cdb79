// The pages process (pages-process.ts started it): Next.js behind a Unix socket that only its
// serving process reaches. It opens the API's services too (a page's server components read the
// database) and serves each request in the context the serving process found for it. It stops on
// SIGTERM or SIGINT (its pages finish first, then the database closes) and when its serving
// process is gone.
import http from "node:http";
import { type Logger, runShutdownHooks, runWithRequestContext } from "@phresh/api/http";
import type { PhreshConfig } from "@phresh/config";
import { oneStartPerTurn } from "./one-start-per-turn.ts";
import { type NextOptions, startNext } from "./pages.ts";
import { PAGES_SOCKET_VARIABLE, takeContext } from "./pages-link.ts";
import { startServer } from "./startup.ts";

const DRAIN_TIMEOUT_MS = 10_000;

export async function servePages(
  config: PhreshConfig,
  logger: Logger,
  next: Pick<NextOptions, "dir">,
): Promise<void> {
  const socketPath = process.env[PAGES_SOCKET_VARIABLE];
  if (!socketPath) throw new Error(`${PAGES_SOCKET_VARIABLE} is not set`);
  // Its serving process applied the migrations: opening reaches no server, so pages started
  // during a database outage answer 503 like any other (outage-page.ts).
  await startServer({ announce: false, migrate: false });
  const { hostname, port } = config.listen;
  const handlePage = await startNext({ ...next, hostname, port });

  // Pages start one per event-loop turn here too (one-start-per-turn.ts): a connection from the
  // serving process is accepted only between turns, and without this a render burst held new
  // ones back. Measured: login page at 50 connections, p99.9 0.85-1.9 s (every slow request on
  // a new connection, its response the whole delay), 0.26-0.49 s with it.
  const nextPageStart = oneStartPerTurn();
  const server = http.createServer((request, response) => {
    const context = takeContext(request);
    void nextPageStart()
      .then(() => runWithRequestContext(context, () => handlePage(request, response)))
      .catch((error: unknown) => {
        logger.error({ err: error, requestId: context.requestId }, "a page failed");
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
  });

  let stopping = false;
  async function stop(reason: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "pages process stopping");
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS))]);
    server.closeAllConnections();
    await runShutdownHooks();
    process.exit(0);
  }
  // Ctrl-C reaches this process as well as its serving process (one process group).
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("disconnect", () => void stop("its serving process is gone"));

  // Next.js keeps the process alive after an uncaught error: one that cannot listen must exit,
  // or its serving process would wait for it forever.
  server.once("error", (error) => {
    logger.error({ err: error }, "the pages process cannot listen");
    process.exit(1);
  });
  server.listen(socketPath, () => process.send?.("listening"));
}
