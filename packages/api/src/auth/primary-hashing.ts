// A cluster worker's password hasher: each hash and verification is sent to the primary, which
// runs the machine's one argon2 queue (primary-hashing-service.ts says why). The API sees the same
// PasswordHasher as in one process, SERVER_BUSY included. A primary that does not answer (gone,
// or stuck) fails the request with a plain error after ANSWER_TIMEOUT_MS instead of holding it.
import { ErrorCode } from "../error-codes.ts";
import { errorMessages } from "../error-messages.ts";
import { domainError } from "../errors.ts";
import { dummyPasswordHash, type PasswordHasher } from "./passwords.ts";
import {
  HASHING_REQUEST,
  type HashingAnswer,
  type HashingJob,
  type HashingRequest,
  isHashingAnswer,
} from "./primary-hashing-service.ts";

/**
 * Far beyond a full queue's wait (32 checks at tens of milliseconds each, even on a machine
 * slowed tenfold), yet short enough that a request does not hang on a primary that is gone.
 */
const ANSWER_TIMEOUT_MS = 30_000;
/** As in one process (hashing-queue.ts). */
const RETRY_AFTER_SECONDS = 1;

/** The IPC channel to the primary: `process` in a cluster worker. */
export type PrimaryChannel = {
  on(event: "message", listener: (message: unknown) => void): unknown;
  on(event: "disconnect", listener: () => void): unknown;
  send?(
    message: HashingRequest,
    sendHandle: undefined,
    options: undefined,
    callback: (error: Error | null) => void,
  ): boolean;
};

type Pending = { settle: (answer: HashingAnswer) => void; fail: (error: Error) => void };

export class PrimaryPasswordHasher implements PasswordHasher {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly channel: PrimaryChannel = process,
    private readonly timeoutMs = ANSWER_TIMEOUT_MS,
  ) {
    channel.on("message", (message: unknown) => {
      if (!isHashingAnswer(message)) return;
      this.pending.get(message.id)?.settle(message);
    });
    channel.on("disconnect", () => {
      for (const pending of this.pending.values())
        pending.fail(new Error("Password hashing failed: the cluster's primary is gone"));
    });
  }

  async hash(password: string): Promise<string> {
    const answer = await this.ask({ job: "hash", password });
    if (answer.outcome !== "hashed") throw this.failure(answer);
    return answer.hash;
  }

  async verify(hash: string, password: string): Promise<boolean> {
    const answer = await this.ask({ job: "verify", hash, password });
    if (answer.outcome !== "verified") throw this.failure(answer);
    return answer.matches;
  }

  async verifyAgainstDummy(password: string): Promise<false> {
    await this.verify(await dummyPasswordHash(), password);
    return false;
  }

  private failure(answer: HashingAnswer): Error {
    if (answer.outcome === "busy")
      return domainError(ErrorCode.SERVER_BUSY, errorMessages.SERVER_BUSY, RETRY_AFTER_SECONDS);
    return new Error("Password hashing failed in the cluster's primary");
  }

  private ask(job: HashingJob): Promise<HashingAnswer> {
    this.nextId += 1;
    const id = this.nextId;
    return new Promise<HashingAnswer>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          done(() =>
            reject(
              new Error(
                `Password hashing failed: the cluster's primary did not answer within ${this.timeoutMs} ms`,
              ),
            ),
          ),
        this.timeoutMs,
      );
      const done = (finish: () => void) => {
        clearTimeout(timer);
        this.pending.delete(id);
        finish();
      };
      this.pending.set(id, {
        settle: (answer) => done(() => resolve(answer)),
        fail: (error) => done(() => reject(error)),
      });
      const request: HashingRequest = { type: HASHING_REQUEST, id, ...job };
      if (!this.channel.send)
        return done(() => reject(new Error("Password hashing failed: not a cluster worker")));
      this.channel.send(request, undefined, undefined, (error: Error | null) => {
        if (error)
          done(() => reject(new Error("Password hashing failed: the cluster's primary is gone")));
      });
    });
  }
}
