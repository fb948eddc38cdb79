// The embedded database on a worker thread of its own. PGlite runs PostgreSQL in WebAssembly on
// the thread that calls it, so in one process the server's JavaScript and the database took
// turns on one core while the machine's second idled: a GET cleaning spent 0.82 ms of the main
// thread against PostgreSQL's 0.37 (bench/RESULTS.md, twelfth session). Here the worker
// (pglite-thread-worker.mjs) executes protocol messages and this side does what a client of a
// server does: it serializes statements, parses the reply bytes, raises database errors and
// hears notifications. PGlite's own query, exec and transaction work on top of that, from
// PGlite's base class (the package exports it only as the parent of its browser worker client,
// PGliteWorker, whose leader election across tabs a server has no use for).
import { Worker } from "node:worker_threads";
import {
  type ExecProtocolOptions,
  type ExecProtocolResult,
  Mutex,
  messages,
  type PGlite,
  protocol,
  type Transaction,
} from "@electric-sql/pglite";
import { PGliteWorker } from "@electric-sql/pglite/worker";

const WORKER_URL = new URL("./pglite-thread-worker.mjs", import.meta.url);

type BackendMessage = ExecProtocolResult["messages"][number];

/** What PGlite's base class gives its subclasses (the rest it asks them for). */
type BaseMembers = Pick<
  PGlite,
  "query" | "sql" | "exec" | "transaction" | "serializers" | "parsers" | "_initArrayTypes"
>;
const BasePGlite = Object.getPrototypeOf(PGliteWorker) as abstract new () => BaseMembers;

export type PgliteThreadOptions = {
  /** Undefined: in memory, gone when closed. */
  dataDirectory?: string | undefined;
  startParams?: string[];
  /** In memory only: start from this copy of a data directory (`PGlite.dumpDataDir`). */
  loadDataDir?: Blob | undefined;
};

type WorkerReply =
  | { kind: "ready" }
  | { kind: "failed"; message: string }
  | { id: number; kind: "reply"; bytes: Uint8Array }
  | { id: number; kind: "error"; message: string }
  | { id: number; kind: "closed" };

type Pending = { resolve: (reply: Uint8Array) => void; reject: (error: Error) => void };

export class PgliteThread extends BasePGlite {
  readonly debug = 0;
  #worker: Worker;
  #nextId = 0;
  #pending = new Map<number, Pending>();
  #stopped: Error | undefined;
  #queryMutex = new Mutex();
  #transactionMutex = new Mutex();
  #parser = new protocol.Parser();
  #listeners = new Map<string, Set<(payload: string) => void>>();

  private constructor(worker: Worker) {
    super();
    this.#worker = worker;
    worker.on("message", (reply: WorkerReply) => {
      if (!("id" in reply)) return;
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      // The worker keeps the process alive only while it owes an answer, as an in-process
      // database keeps nothing alive.
      if (this.#pending.size === 0) worker.unref();
      if (reply.kind === "error") pending?.reject(new Error(reply.message));
      else pending?.resolve(reply.kind === "reply" ? reply.bytes : new Uint8Array(0));
    });
    const stop = (error: Error) => {
      this.#stopped = error;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on("error", stop);
    worker.on("exit", () => stop(new Error("The embedded database's thread has stopped")));
  }

  /** Starts the worker, opens the database there, and resolves once it answers. */
  static async start(options: PgliteThreadOptions = {}): Promise<PgliteThread> {
    const loadDataDir = await options.loadDataDir?.arrayBuffer();
    const worker = new Worker(WORKER_URL, {
      workerData: {
        dataDirectory: options.dataDirectory,
        startParams: options.startParams,
        loadDataDir,
      },
      transferList: loadDataDir ? [loadDataDir] : [],
    });
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        worker.off("message", onMessage).off("error", settle).off("exit", onExit);
        if (error) reject(error);
        else resolve();
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.kind === "ready") settle();
        if (reply.kind === "failed") settle(new Error(reply.message));
      };
      const onExit = (code: number) => settle(new Error(`The embedded database exited (${code})`));
      worker.on("message", onMessage).on("error", settle).on("exit", onExit);
    });
    const database = new PgliteThread(worker);
    worker.unref();
    await database._initArrayTypes();
    return database;
  }

  #send(kind: "exec" | "close", bytes?: Uint8Array, syncToFs = false): Promise<Uint8Array> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    const answer = new Promise<Uint8Array>((resolve, reject) =>
      this.#pending.set(id, { resolve, reject }),
    );
    this.#worker.ref();
    // A copy of the message's own bytes, handed over rather than cloned: a statement's bytes
    // are a view of a larger buffer (Node's shared pool), and cloning a view copies all of it.
    const message = bytes && new Uint8Array(bytes);
    this.#worker.postMessage(
      { id, kind, bytes: message, syncToFs },
      message ? [message.buffer] : [],
    );
    return answer;
  }

  async execProtocolRaw(message: Uint8Array, { syncToFs = true }: ExecProtocolOptions = {}) {
    return this.#send("exec", message, syncToFs);
  }

  async execProtocol(
    message: Uint8Array,
    { syncToFs = true, throwOnError = true, onNotice }: ExecProtocolOptions = {},
  ): Promise<ExecProtocolResult> {
    const data = await this.#send("exec", message, syncToFs);
    const results: BackendMessage[] = [];
    let databaseError: messages.DatabaseError | undefined;
    this.#parser.parse(data, (message) => {
      if (databaseError) return; // PGlite keeps the first error and what came before it
      if (message instanceof messages.DatabaseError) {
        if (throwOnError) databaseError = message;
      } else if (message instanceof messages.NoticeMessage) onNotice?.(message);
      else if (message instanceof messages.NotificationResponseMessage) this.#notify(message);
      results.push(message);
    });
    if (databaseError) {
      this.#parser = new protocol.Parser();
      throw databaseError;
    }
    return { messages: results, data };
  }

  async execProtocolStream(message: Uint8Array, options: ExecProtocolOptions = {}) {
    return (await this.execProtocol(message, options)).messages;
  }

  async execProtocolRawStream(): Promise<void> {
    throw new Error("Streaming replies are not supported on the embedded database's thread");
  }

  #notify({ channel, payload }: messages.NotificationResponseMessage) {
    // Called after the statement's caller has its answer, as PGlite calls listeners.
    for (const listener of this.#listeners.get(channel) ?? [])
      queueMicrotask(() => listener(payload));
  }

  /**
   * `channel` must be a lower-case identifier (no quoting or case folding is done here). Within
   * a transaction (`tx.listen`) the LISTEN is the transaction's statement: the database's own
   * `exec` would wait for the transaction to end.
   */
  async listen(channel: string, callback: (payload: string) => void, tx?: Transaction) {
    const listeners = this.#listeners.get(channel) ?? new Set();
    this.#listeners.set(channel, listeners);
    listeners.add(callback);
    try {
      await (tx ?? this).exec(`LISTEN ${channel}`);
    } catch (error) {
      listeners.delete(callback);
      throw error;
    }
    return async () => {
      listeners.delete(callback);
      if (listeners.size === 0) await this.exec(`UNLISTEN ${channel}`);
    };
  }

  // The file system syncs after each statement outside a transaction (the worker does it).
  async syncToFs() {}
  // No COPY to or from files: nothing to hand over.
  async _handleBlob() {}
  async _getWrittenBlob() {
    return undefined;
  }
  async _cleanupBlob() {}
  async _checkReady() {
    if (this.#stopped) throw this.#stopped;
  }

  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> {
    return this.#queryMutex.runExclusive(fn);
  }

  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.#transactionMutex.runExclusive(fn);
  }

  /** Waits for running statements, closes the database (syncing its files) and ends the thread. */
  async close(): Promise<void> {
    if (this.#stopped) return;
    await this._runExclusiveTransaction(() =>
      this._runExclusiveQuery(async () => {
        const exited = new Promise((resolve) => this.#worker.once("exit", resolve));
        await this.#send("close");
        // Held until the thread is gone: with nothing else to do the process would otherwise
        // end here, before the caller's next step (a command's exit code, say).
        this.#worker.ref();
        await exited;
      }),
    );
  }
}
