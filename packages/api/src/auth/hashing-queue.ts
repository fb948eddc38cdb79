// argon2 is made to be expensive: unbounded, a flood of password checks takes every core, and
// requests that check no password wait behind it. So at most `concurrency` hashes run at once
// (on libuv's threads, off the event loop), up to `queueLength` more wait their turn, and past
// that a request is refused at once with SERVER_BUSY (503, Retry-After) instead of waiting.
import { ErrorCode } from "../error-codes.ts";
import { errorMessages } from "../error-messages.ts";
import { domainError } from "../errors.ts";

export type HashingLimits = { concurrency: number; queueLength: number };

/** A hash takes tens of milliseconds: a second is long enough for a short queue to drain. */
const RETRY_AFTER_SECONDS = 1;

export class HashingQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limits: HashingLimits) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.concurrency) {
      this.running += 1;
    } else if (this.waiting.length < this.limits.queueLength) {
      // The finishing task hands its turn over: `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      throw domainError(ErrorCode.SERVER_BUSY, errorMessages.SERVER_BUSY, RETRY_AFTER_SECONDS);
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
