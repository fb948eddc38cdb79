// Phresh's production server (`pnpm start`). On the embedded database, one process serves
// everything (PGlite allows one process per data directory). On PostgreSQL, a primary applies
// the migrations and forks WEB_CONCURRENCY workers (by default one per core, less one when
// PostgreSQL is on this machine: src/server/worker-count.ts) sharing the port; all state they
// share already lives in the database. One worker is served by a process of its own, no primary.
// Each serving process opens the API at start. Pages wait for the first page asked for: on
// PGlite Next.js then loads in the one process (src/server/pages.ts); on PostgreSQL each serving
// process passes pages to a pages process (one per server: a cluster's workers share theirs), so
// that the processes serving the API never load Next.js (src/server/pages-process.ts).
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger, type Logger, onShutdown } from "@phresh/api/http";
import { loadConfig, type PhreshConfig } from "@phresh/config";
import { runPrimary } from "./src/server/cluster.ts";
import type { PageHandler } from "./src/server/http-server.ts";
import { migrateAndExit } from "./src/server/migrations.ts";
import { serverRole } from "./src/server/server-role.ts";
import { exitOnListenFailure, exitOnStartupFailure } from "./src/server/startup-failure.ts";
import { applyV8Flags } from "./src/server/v8-flags.ts";
import { databaseOnThisMachine, workerCount } from "./src/server/worker-count.ts";

/** The address to open in a browser: localhost when listening on every interface. */
function browsableUrl(hostname: string, port: number): string {
  if (hostname === "0.0.0.0" || hostname === "::") return `http://localhost:${port}`;
  return `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
}

function announceListening(config: PhreshConfig, logger: Logger): void {
  const { hostname, port } = config.listen;
  logger.info({ url: `http://${hostname}:${port}` }, "Phresh is listening");
  // For people: the one line to open, printed when requests are really served.
  console.log(`Phresh is ready: ${browsableUrl(hostname, port)}`);
}

/** Next.js's project directory: this file's (import.meta.url names the source when compiled). */
const nextDirectory = path.dirname(fileURLToPath(import.meta.url));

/** Pages in this process on PGlite, in a pages process of this server's on PostgreSQL. */
async function createPageHandler(config: PhreshConfig, logger: Logger): Promise<PageHandler> {
  if (config.database.kind === "pglite") {
    const { lazyPages } = await import("./src/server/pages.ts");
    const { port, hostname } = config.listen;
    return lazyPages({ dir: nextDirectory, hostname, port });
  }
  const [{ forwardPages }, { PagesProcess, askPrimaryForPages }, { pagesLinkFromEnvironment }] =
    await Promise.all([
      import("./src/server/pages-forwarding.ts"),
      import("./src/server/pages-process.ts"),
      import("./src/server/pages-link.ts"),
    ]);
  if (cluster.isWorker) {
    // The primary keeps the pages process its workers share, and told them where it listens.
    const link = pagesLinkFromEnvironment();
    return forwardPages({ link, pages: askPrimaryForPages(), logger });
  }
  const pages = new PagesProcess(logger);
  // Ctrl-C stops the pages process too (one process group): none is started again meanwhile.
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => pages.refuseStarts());
  onShutdown(() => pages.stop());
  return forwardPages({ link: pages.link, pages, logger });
}

/** Serves requests from this process: alone (PGlite, or one worker), or as a cluster worker. */
async function serve(config: PhreshConfig, logger: Logger, worker: boolean): Promise<void> {
  // Loaded here, not at the top: the cluster's primary never needs the API.
  const [{ startServer }, { createPhreshHttpServer }] = await Promise.all([
    import("./src/server/startup.ts"),
    import("./src/server/http-server.ts"),
  ]);
  await startServer({ announce: !worker });
  const { port, hostname } = config.listen;
  const handlePage = await createPageHandler(config, logger.child({ pid: process.pid }));
  // Which process answered: several share the port on PostgreSQL.
  const server = createPhreshHttpServer({
    config,
    logger: logger.child({ pid: process.pid }),
    handlePage,
  });
  // Only the listening itself: the port is taken, say. Later errors are no start's failure.
  const cannotListen = (error: NodeJS.ErrnoException) =>
    void exitOnListenFailure(error, config.listen);
  server.once("error", cannotListen);
  server.listen(port, hostname, () => {
    server.off("error", cannotListen);
    if (!worker) announceListening(config, logger);
  });
}

async function main(): Promise<void> {
  let config: PhreshConfig;
  let workers: number;
  try {
    config = loadConfig();
    applyV8Flags(config.database.kind);
    workers = workerCount(process.env.WEB_CONCURRENCY, {
      cores: os.availableParallelism(),
      databaseOnThisMachine:
        config.database.kind === "postgres" && databaseOnThisMachine(config.database.url),
    });
    // Before the database opens: see embedded-initdb.ts.
    if (config.database.kind === "pglite" && cluster.isPrimary) {
      const { createEmbeddedDirectory } = await import("@phresh/db");
      await createEmbeddedDirectory(config.database.dataDirectory);
    }
  } catch (error) {
    exitOnStartupFailure(error);
  }
  const role = serverRole();
  if (role === "migrate") return migrateAndExit(config);
  const logger = createLogger(config.logLevel);
  if (role === "pages") {
    const { servePages } = await import("./src/server/pages-server.ts");
    return servePages(config, logger.child({ pid: process.pid }), { dir: nextDirectory });
  }
  if (cluster.isWorker) return serve(config, logger, true);
  // One process per data directory on PGlite; one worker needs no primary in front of it (the
  // primary would only cost its memory and a hop per connection).
  if (config.database.kind === "pglite" || workers === 1) return serve(config, logger, false);
  await runPrimary({
    logger,
    workers,
    onListening: () => announceListening(config, logger),
  });
}

void main();
