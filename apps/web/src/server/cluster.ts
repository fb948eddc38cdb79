// The primary of the PostgreSQL cluster: it has pending migrations applied once, then forks one
// worker per core (WEB_CONCURRENCY), which share the listening socket and hold everything shared
// in PostgreSQL (sessions, revocations, rate limits, mail). It serves nothing itself and loads
// neither the API nor Next.js; it keeps the pages process that the workers pass pages to
// (pages-process.ts), started when a worker first asks for it. A worker that dies is replaced;
// SIGTERM or SIGINT stops the workers (each finishes its requests in flight), then the pages
// process, then the primary.
import cluster, { type Worker } from "node:cluster";
import type { Logger } from "@phresh/api/http";
import { migrateInChildProcess } from "./migrations.ts";
import { pagesLinkEnvironment } from "./pages-link.ts";
import { keepPagesForWorkers, PagesProcess, tellWorkersPagesStopped } from "./pages-process.ts";

/** A worker dying this soon after it started is not restarted at once: it would only die again. */
const RESTART_PAUSE_MS = 1_000;

export async function runPrimary(options: {
  logger: Logger;
  workers: number;
  /** Called once, when every worker first listens. */
  onListening: () => void;
}): Promise<void> {
  const { logger, workers } = options;
  await migrateInChildProcess();

  let stopping = false;
  let exitCode = 0;
  let listening = 0;
  const startedAt = new Map<Worker, number>();
  const hasListened = new Set<Worker>();

  const pages = new PagesProcess(logger, () => tellWorkersPagesStopped(cluster));
  keepPagesForWorkers(pages, cluster);

  function fork(): void {
    // A replacement due after a restart pause that a SIGTERM overtook: it would never be told to stop.
    if (stopping) return;
    const worker = cluster.fork(pagesLinkEnvironment(pages.link));
    startedAt.set(worker, Date.now());
    worker.once("listening", () => {
      hasListened.add(worker);
      listening += 1;
      if (listening === workers) options.onListening();
    });
  }

  cluster.on("exit", (worker, code, signal) => {
    const listened = hasListened.has(worker);
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    hasListened.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) void stopPagesAndExit();
      return;
    }
    if (listening < workers && !listened) {
      // A worker that fails to start (it printed why) fails the start: the others would too.
      logger.error({ pid: worker.process.pid, code, signal }, "a worker could not start");
      stop("a worker failed to start", 1);
      return;
    }
    logger.warn({ pid: worker.process.pid, code, signal }, "a worker stopped; starting another");
    setTimeout(fork, lived < RESTART_PAUSE_MS ? RESTART_PAUSE_MS : 0);
  });

  async function stopPagesAndExit(): Promise<never> {
    await pages.stop();
    logger.info("stopped");
    process.exit(exitCode);
  }

  function stop(reason: string, code = 0): void {
    if (stopping) return;
    stopping = true;
    pages.refuseStarts();
    exitCode = code;
    logger.info({ reason, workers: Object.keys(cluster.workers ?? {}).length }, "stopping workers");
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) void stopPagesAndExit();
    // Each worker drains its requests in flight and closes its database, then exits.
    for (const worker of running) worker?.process.kill("SIGTERM");
  }
  // `on`: Ctrl-C signals the primary and its workers (one process group), and pnpm forwards it
  // once more; the workers stop on their own signal, the primary waits for them.
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  for (let index = 0; index < workers; index++) fork();
}
