// On PostgreSQL, pages are rendered by a process of their own, started when the first page is
// asked for and again after it stopped; serving processes pass page requests to it over a Unix
// socket (pages-forwarding.ts). Loading Next.js changes the process it runs in for good: it wraps
// Date, Math.random, crypto, setImmediate and process.nextTick process-wide, and every API
// request then cost about a fifth more (jobs search after a page 346-359 req/s against 433-451
// before one; bench/RESULTS.md). One serving process keeps its pages process itself; a cluster's
// primary keeps the one its workers share (cluster.ts). On the embedded database pages stay in
// the one process (pages.ts): PGlite allows one process per data directory, and a page's server
// components read the database.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "@phresh/api/http";
import { PAGES_SOCKET_VARIABLE } from "./pages-link.ts";
import { forkServerProcess } from "./server-role.ts";

/** How long a pages process gets to finish its pages and close its database on shutdown. */
const STOP_TIMEOUT_MS = 12_000;

/** At most one pages process at a time, listening on `socketPath`. */
export class PagesProcess {
  /** In a directory of its own (mode 0700): only this user's processes can connect. */
  readonly socketPath: string;
  readonly #directory: string;
  readonly #logger: Logger;
  readonly #onStopped: () => void;
  #listening: Promise<void> | undefined;
  #child: ChildProcess | undefined;

  /** `onStopped`: called when a pages process that listened stops. */
  constructor(logger: Logger, onStopped: () => void = () => {}) {
    this.#directory = mkdtempSync(path.join(os.tmpdir(), "phresh-pages-"));
    this.socketPath = path.join(this.#directory, "pages.sock");
    this.#logger = logger;
    this.#onStopped = onStopped;
  }

  /** Resolves once a pages process listens, starting one when none runs. */
  listening(): Promise<void> {
    this.#listening ??= this.#start();
    return this.#listening;
  }

  #start(): Promise<void> {
    rmSync(this.socketPath, { force: true }); // left behind by a pages process that was killed
    const child = forkServerProcess("pages", { [PAGES_SOCKET_VARIABLE]: this.socketPath });
    this.#child = child;
    this.#logger.info({ pagesPid: child.pid }, "starting the pages process");
    return new Promise((resolve, reject) => {
      let listened = false;
      child.once("message", () => {
        listened = true; // its one message: it listens
        resolve();
      });
      child.once("exit", (code, signal) => {
        if (this.#child === child) this.#child = undefined;
        this.#listening = undefined; // the next page starts another
        this.#logger.warn({ pagesPid: child.pid, code, signal }, "the pages process stopped");
        if (listened) this.#onStopped();
        else
          reject(new Error(`the pages process could not start (code ${code}, signal ${signal})`));
      });
    });
  }

  /** Stops the pages process (it finishes its pages first) and removes the socket's directory. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timeout = new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
      await Promise.race([exited, timeout]);
    }
    rmSync(this.#directory, { recursive: true, force: true });
  }
}

type PagesMessage = {
  phresh: "pages-wanted" | "pages-listening" | "pages-failed" | "pages-stopped";
};

function isPagesMessage(message: unknown): message is PagesMessage {
  return typeof message === "object" && message !== null && "phresh" in message;
}

/** In a cluster's primary: starts the workers' shared pages process when a worker asks. */
export function keepPagesForWorkers(
  pages: PagesProcess,
  cluster: typeof import("node:cluster").default,
): void {
  cluster.on("message", (worker, message: unknown) => {
    if (!isPagesMessage(message) || message.phresh !== "pages-wanted") return;
    const answer = (reply: PagesMessage) => {
      if (worker.isConnected()) worker.send(reply);
    };
    pages.listening().then(
      () => answer({ phresh: "pages-listening" }),
      () => answer({ phresh: "pages-failed" }),
    );
  });
}

/** For the primary's `onStopped`: tells every worker that the pages process is gone. */
export function tellWorkersPagesStopped(cluster: typeof import("node:cluster").default): void {
  for (const worker of Object.values(cluster.workers ?? {}))
    if (worker?.isConnected()) worker.send({ phresh: "pages-stopped" } satisfies PagesMessage);
}

/**
 * In a cluster worker: a `listening` that asks the primary for the shared pages process, once
 * until the primary says it stopped.
 */
export function pagesOfPrimary(): () => Promise<void> {
  let asked: Promise<void> | undefined;
  let waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  process.on("message", (message: unknown) => {
    if (!isPagesMessage(message)) return;
    if (message.phresh === "pages-stopped") asked = undefined;
    if (message.phresh !== "pages-listening" && message.phresh !== "pages-failed") return;
    const answered = waiting;
    waiting = [];
    if (message.phresh === "pages-failed") asked = undefined;
    for (const { resolve, reject } of answered)
      if (message.phresh === "pages-listening") resolve();
      else reject(new Error("the pages process could not start"));
  });
  return () => {
    asked ??= new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      process.send?.({ phresh: "pages-wanted" } satisfies PagesMessage);
    });
    return asked;
  };
}
