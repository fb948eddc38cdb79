// Password hashing in a cluster: workers hand their hashes to the primary, which runs the
// machine's one queue. Real cluster workers (primary-hashing-worker.fixture.ts) talk to this test
// process as their primary over the cluster's IPC channel.
import cluster, { type Worker } from "node:cluster";
import { EventEmitter } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PhreshError } from "../errors.ts";
import { InProcessPasswordHasher, needsRehash } from "./passwords.ts";
import { PrimaryPasswordHasher } from "./primary-hashing.ts";
import {
  type HashingAnswer,
  type HashingRequest,
  isHashingRequest,
  servePasswordHashing,
} from "./primary-hashing-service.ts";
import type { FixtureCommand, FixtureReport } from "./primary-hashing-worker.fixture.ts";

const PASSWORD = "Primary-hashing-1";

/** One hash at a time and one waiting, for the whole machine: the primary's one queue. */
const primaryHasher = new InProcessPasswordHasher({ concurrency: 1, queueLength: 1 });
const workers: Worker[] = [];

async function startWorker(): Promise<Worker> {
  const worker = cluster.fork();
  workers.push(worker);
  await new Promise<void>((resolve) =>
    worker.on("message", (message: { type?: string }) => {
      if (message.type === "test:ready") resolve();
    }),
  );
  return worker;
}

/** Has `worker` hash or verify through the primary; resolves with what the worker got. */
function ask(worker: Worker, command: FixtureCommand): Promise<FixtureReport> {
  return new Promise((resolve) => {
    const listener = (message: FixtureReport) => {
      if (message.type !== "test:answer" && message.type !== "test:refusal") return;
      worker.off("message", listener);
      resolve(message);
    };
    worker.on("message", listener);
    worker.send(command);
  });
}

/** Resolves once the primary has received `count` more hashing requests and queued them. */
function requestsReceived(count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const listener = (_worker: Worker, message: unknown) => {
      if (!isHashingRequest(message) || ++seen < count) return;
      cluster.off("message", listener);
      // The primary queues a request a few promise turns after it arrives.
      setTimeout(resolve, 50);
    };
    cluster.on("message", listener);
  });
}

function heldTask() {
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { work: () => finished, finish: () => finish() };
}

describe("hashing through the cluster's primary", () => {
  let first: Worker;
  let second: Worker;

  beforeAll(async () => {
    cluster.setupPrimary({
      exec: fileURLToPath(new URL("./primary-hashing-worker.fixture.ts", import.meta.url)),
      execArgv: ["--import", "tsx"],
    });
    servePasswordHashing(cluster, { concurrency: 1, queueLength: 1 }, async () => primaryHasher);
    [first, second] = await Promise.all([startWorker(), startWorker()]);
  });
  afterAll(() => {
    for (const worker of workers) worker.kill();
  });

  it("gives a worker an argon2id hash at today's parameters, which any worker verifies", async () => {
    const hashed = await ask(first, { type: "test:hash", password: PASSWORD });
    expect(hashed.type).toBe("test:answer");
    const hash = String(hashed.type === "test:answer" && hashed.value);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(needsRehash(hash)).toBe(false);
    expect(await primaryHasher.verify(hash, PASSWORD)).toBe(true);
    expect(await ask(second, { type: "test:verify", hash, password: PASSWORD })).toEqual({
      type: "test:answer",
      value: true,
    });
    expect(await ask(second, { type: "test:verify", hash, password: "Wrong-password-1" })).toEqual({
      type: "test:answer",
      value: false,
    });
    expect(
      await ask(first, { type: "test:verify", hash: "not-a-hash", password: PASSWORD }),
    ).toEqual({ type: "test:answer", value: false });
  });

  it("queues every worker's hashes in one queue: past it, any worker gets SERVER_BUSY", async () => {
    const held = heldTask();
    const holding = primaryHasher.queue.run(held.work);
    try {
      // The first worker's hash takes the one place in the queue…
      const received = requestsReceived(1);
      const waiting = ask(first, { type: "test:hash", password: PASSWORD });
      await received;
      // …so the second worker's is refused, though that worker has hashed nothing yet.
      expect(await ask(second, { type: "test:hash", password: PASSWORD })).toEqual({
        type: "test:refusal",
        errorCode: "SERVER_BUSY",
        message: "SERVER_BUSY",
      });
      held.finish();
      const hashed = await waiting;
      expect(hashed.type).toBe("test:answer");
    } finally {
      held.finish();
      await holding;
    }
  });
});

/** A channel whose primary never answers, and which can be told that the primary went away. */
class SilentPrimary extends EventEmitter {
  readonly requests: HashingRequest[] = [];
  send(
    message: HashingRequest,
    _handle: undefined,
    _options: undefined,
    callback: (error: Error | null) => void,
  ) {
    this.requests.push(message);
    callback(null);
    return true;
  }
  answer(answer: HashingAnswer) {
    this.emit("message", answer);
  }
}

describe("a worker whose primary does not answer", () => {
  it("fails the check with an error saying so, once the wait is over", async () => {
    const passwords = new PrimaryPasswordHasher(new SilentPrimary(), 20);
    await expect(passwords.verify("$argon2id$…", PASSWORD)).rejects.toThrow(
      "Password hashing failed: the cluster's primary did not answer within 20 ms",
    );
  });

  it("fails every check in flight at once when the channel to the primary closes", async () => {
    const primary = new SilentPrimary();
    const passwords = new PrimaryPasswordHasher(primary);
    const checks = [passwords.hash(PASSWORD), passwords.verify("$argon2id$…", PASSWORD)];
    primary.emit("disconnect");
    for (const check of checks)
      await expect(check).rejects.toThrow("Password hashing failed: the cluster's primary is gone");
  });

  it("keeps the password and the hash out of its errors", async () => {
    const primary = new SilentPrimary();
    const passwords = new PrimaryPasswordHasher(primary);
    const check = passwords.verify("$argon2id$secret-hash", PASSWORD);
    const [request] = primary.requests;
    primary.answer({
      type: "phresh:password-hashing-answer",
      id: request?.id ?? 0,
      outcome: "failed",
    });
    const error = (await check.catch((caught: unknown) => caught)) as Error;
    expect(error.message).toBe("Password hashing failed in the cluster's primary");
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
    expect(error.message).not.toContain("secret-hash");
  });

  it("answers SERVER_BUSY, with Retry-After, when the primary's queue is full", async () => {
    const primary = new SilentPrimary();
    const passwords = new PrimaryPasswordHasher(primary);
    const check = passwords.hash(PASSWORD);
    const [request] = primary.requests;
    primary.answer({
      type: "phresh:password-hashing-answer",
      id: request?.id ?? 0,
      outcome: "busy",
    });
    const refusal = await check.catch((caught: unknown) => caught);
    expect(refusal).toBeInstanceOf(PhreshError);
    expect(refusal).toMatchObject({ errorCode: "SERVER_BUSY", retryAfterSeconds: 1 });
  });
});
