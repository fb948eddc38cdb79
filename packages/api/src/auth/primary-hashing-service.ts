// The cluster primary's side of password hashing (the workers' side is primary-hashing.ts). Two
// workers each hashing at the core count put twice as many memory-hard argon2 hashes on the cores
// as there are cores, and sharing the count out among them leaves one idle while the other queues
// (connections reach workers round-robin). So the primary runs the machine's one queue: workers
// send each hash and verification over the cluster's IPC channel, and exactly `concurrency` run
// at once, whichever worker asked. The primary serves no requests and loads neither the API nor
// argon2 until the first job arrives. Passwords and hashes cross the channel; they are never
// logged, nor put in an error.
import type { Cluster, Worker } from "node:cluster";
import type { HashingLimits } from "./hashing-queue.ts";
import type { PasswordHasher } from "./passwords.ts";

export type HashingJob =
  | { job: "hash"; password: string }
  | { job: "verify"; hash: string; password: string };

export type HashingOutcome =
  | { outcome: "hashed"; hash: string }
  | { outcome: "verified"; matches: boolean }
  /** The machine's queue is full: the worker answers SERVER_BUSY, as one process would. */
  | { outcome: "busy" }
  | { outcome: "failed" };

export type HashingRequest = { type: typeof HASHING_REQUEST; id: number } & HashingJob;
export type HashingAnswer = { type: typeof HASHING_ANSWER; id: number } & HashingOutcome;

export const HASHING_REQUEST = "phresh:password-hashing";
export const HASHING_ANSWER = "phresh:password-hashing-answer";

export function isHashingRequest(message: unknown): message is HashingRequest {
  return (message as { type?: unknown } | null)?.type === HASHING_REQUEST;
}

export function isHashingAnswer(message: unknown): message is HashingAnswer {
  return (message as { type?: unknown } | null)?.type === HASHING_ANSWER;
}

async function work(hasher: PasswordHasher, request: HashingRequest): Promise<HashingOutcome> {
  try {
    if (request.job === "hash")
      return { outcome: "hashed", hash: await hasher.hash(request.password) };
    return { outcome: "verified", matches: await hasher.verify(request.hash, request.password) };
  } catch (error) {
    const busy = (error as { errorCode?: unknown } | null)?.errorCode === "SERVER_BUSY";
    return { outcome: busy ? "busy" : "failed" };
  }
}

/**
 * Answers the workers' hashing jobs from now on. `createHasher` is called on the first job
 * (tests pass one they can watch); by default it loads argon2 and its queue then.
 */
export function servePasswordHashing(
  cluster: Cluster,
  limits: HashingLimits,
  createHasher: () => Promise<PasswordHasher> = async () => {
    const { InProcessPasswordHasher } = await import("./passwords.ts");
    return new InProcessPasswordHasher(limits);
  },
): void {
  let hasher: Promise<PasswordHasher> | undefined;
  cluster.on("message", (worker: Worker, message: unknown) => {
    if (!isHashingRequest(message)) return;
    hasher ??= createHasher();
    void hasher
      .then(
        (ready) => work(ready, message),
        (): HashingOutcome => ({ outcome: "failed" }),
      )
      .then((body) => {
        // A worker that died meanwhile needs no answer.
        if (worker.isConnected()) worker.send({ type: HASHING_ANSWER, id: message.id, ...body });
      });
  });
}
