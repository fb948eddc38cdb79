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
import { DRAIN_TIMEOUT_MS } from "./drain.ts";
import type { PagesKeeper } from "./pages-forwarding.ts";
import {
  newPagesSecret,
  type PagesLink,
  pagesLinkEnvironment,
  SOCKET_DIRECTORY_PREFIX,
} from "./pages-link.ts";
import { forkServerProcess } from "./server-role.ts";

/** A pages process gets its drain, and a little more to close its database, on shutdown. */
const STOP_TIMEOUT_MS = DRAIN_TIMEOUT_MS + 2_000;
/** Ample for Next.js to start on a busy machine; one that takes longer is stuck, and replaced. */
const START_TIMEOUT_MS = 60_000;
/** After a failed start, pages answer 502 at once for this long rather than fork again at once. */
const RESTART_PAUSE_MS = 1_000;
/**
 * How long a page that could not reach the pages process waits to learn that it stopped: a
 * process that died is known to have within moments; one that is alive never will.
 */
const GONE_WAIT_MS = 5_000;

/**
 * Resolves when `onStop` calls back, or after GONE_WAIT_MS; `onStop` subscribes and answers how
 * to unsubscribe, done when the wait runs out.
 */
function withinGoneWait(onStop: (stopped: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = onStop(() => {
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, GONE_WAIT_MS);
  });
}

/** At most one pages process at a time, listening at `link`. */
export class PagesProcess implements PagesKeeper {
  readonly link: PagesLink;
  readonly #directory: string;
  readonly #logger: Logger;
  readonly #onStopped: () => void;
  readonly #fork: (environment: Record<string, string>) => ChildProcess;
  #listening: Promise<void> | undefined;
  #child: ChildProcess | undefined;
  #failedAt = Number.NEGATIVE_INFINITY;
  #refusingStarts = false;

  /**
   * `onStopped`: called when a pages process that listened stops. `fork` starts one (this server
   * script in the pages role).
   */
  constructor(
    logger: Logger,
    onStopped: () => void = () => {},
    fork = (environment: Record<string, string>) => forkServerProcess("pages", environment),
  ) {
    // A directory of its own, mode 0700: only this user's processes can connect.
    this.#directory = mkdtempSync(path.join(os.tmpdir(), SOCKET_DIRECTORY_PREFIX));
    this.link = { socketPath: path.join(this.#directory, "pages.sock"), secret: newPagesSecret() };
    this.#logger = logger;
    this.#onStopped = onStopped;
    this.#fork = fork;
  }

  /** Resolves once a pages process listens, starting one when none runs. */
  whenListening(): Promise<void> {
    if (this.#refusingStarts) return Promise.reject(new Error("the server is stopping"));
    if (!this.#listening && performance.now() - this.#failedAt < RESTART_PAUSE_MS)
      return Promise.reject(new Error("the pages process failed to start a moment ago"));
    this.#listening ??= this.#start();
    return this.#listening;
  }

  /** Resolves once the current pages process has exited (and been replaced on demand). */
  whenGone(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    // Registered after #start's own exit listener, so the next whenListening starts another.
    return withinGoneWait((stopped) => {
      child.once("exit", stopped);
      return () => child.off("exit", stopped);
    });
  }

  #start(): Promise<void> {
    rmSync(this.link.socketPath, { force: true }); // left behind by a pages process that was killed
    const child = this.#fork(pagesLinkEnvironment(this.link));
    this.#child = child;
    this.#logger.info({ pagesPid: child.pid }, "starting the pages process");
    return new Promise((resolve, reject) => {
      let listened = false;
      const stuck = setTimeout(() => child.kill("SIGKILL"), START_TIMEOUT_MS);
      const gone = () => {
        clearTimeout(stuck);
        if (this.#child === child) this.#child = undefined;
        this.#listening = undefined; // the next page starts another
      };
      const failedToStart = (error: Error) => {
        gone();
        this.#failedAt = performance.now();
        reject(error);
      };
      child.on("message", (message) => {
        if (message !== "listening") return;
        listened = true;
        clearTimeout(stuck);
        resolve();
      });
      child.once("exit", (code, signal) => {
        this.#logger.warn({ pagesPid: child.pid, code, signal }, "the pages process stopped");
        if (!listened)
          return failedToStart(
            new Error(`the pages process could not start (code ${code}, signal ${signal})`),
          );
        gone();
        this.#onStopped();
      });
      // A fork that failed (EAGAIN, EMFILE), a kill or a message that failed: unheard, the event
      // would end the server, API and all. A failed fork never exits.
      child.on("error", (error) => {
        this.#logger.error({ pagesPid: child.pid, err: error }, "the pages process failed");
        if (child.pid === undefined) failedToStart(error);
      });
    });
  }

  /** From now on no pages process is started: the server is stopping. */
  refuseStarts(): void {
    this.#refusingStarts = true;
  }

  /** Stops the pages process (it finishes its pages first) and removes the socket's directory. */
  async stop(): Promise<void> {
    this.refuseStarts();
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

const PAGES_MESSAGES = [
  "pages-wanted",
  "pages-listening",
  "pages-failed",
  "pages-stopped",
] as const;
type PagesMessage = { phresh: (typeof PAGES_MESSAGES)[number] };

function isPagesMessage(message: unknown): message is PagesMessage {
  return (
    typeof message === "object" &&
    message !== null &&
    "phresh" in message &&
    PAGES_MESSAGES.some((kind) => kind === message.phresh)
  );
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
    pages.whenListening().then(
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
 * In a cluster worker: the primary's shared pages process, asked for once until the primary says
 * it stopped.
 */
export function askPrimaryForPages(): PagesKeeper {
  let asked: Promise<void> | undefined;
  let waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  let waitingForStop: (() => void)[] = [];
  process.on("message", (message: unknown) => {
    if (!isPagesMessage(message)) return;
    if (message.phresh === "pages-stopped") {
      asked = undefined;
      const stopped = waitingForStop;
      waitingForStop = [];
      for (const resolve of stopped) resolve();
    }
    if (message.phresh !== "pages-listening" && message.phresh !== "pages-failed") return;
    const answered = waiting;
    waiting = [];
    if (message.phresh === "pages-failed") asked = undefined;
    for (const { resolve, reject } of answered)
      if (message.phresh === "pages-listening") resolve();
      else reject(new Error("the pages process could not start"));
  });
  return {
    whenListening() {
      asked ??= new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        process.send?.({ phresh: "pages-wanted" } satisfies PagesMessage);
      });
      return asked;
    },
    whenGone() {
      if (!asked) return Promise.resolve();
      return withinGoneWait((stopped) => {
        waitingForStop.push(stopped);
        return () => {
          waitingForStop = waitingForStop.filter((waiter) => waiter !== stopped);
        };
      });
    },
  };
}
