// Password hashing with argon2id at OWASP's parameters (m = 19 MiB, t = 2, p = 1). Every hash and
// verification of one services instance goes through its own queue (hashing-queue.ts), limited
// by PASSWORD_HASHING_CONCURRENCY and PASSWORD_HASHING_QUEUE: the cores are the process's, and
// two instances in one process (tests) neither share nor reconfigure each other's limits.
import argon2 from "argon2";
import { type HashingLimits, HashingQueue } from "./hashing-queue.ts";

export const HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** True when the hash was made with other parameters than today's: re-hash at the next log-in. */
export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, HASH_OPTIONS);
  } catch {
    return true;
  }
}

/**
 * A constant, so one per process serves every instance. Made outside the queues: a busy refusal
 * must not be remembered as the dummy hash.
 */
let dummyHash: Promise<string> | undefined;

export class PasswordHasher {
  readonly queue: HashingQueue;

  constructor(limits: HashingLimits) {
    this.queue = new HashingQueue(limits);
  }

  hash(password: string): Promise<string> {
    return this.queue.run(() => argon2.hash(password, HASH_OPTIONS));
  }

  /** False for a malformed hash too: a damaged record must not become a way in. */
  verify(hash: string, password: string): Promise<boolean> {
    return this.queue.run(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    });
  }

  /**
   * Burns the same time as checking a real password, for log-ins with an unknown address: the
   * answer's timing must not tell which addresses have accounts.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    dummyHash ??= argon2.hash("phresh-dummy-password-for-unknown-accounts", HASH_OPTIONS);
    await this.verify(await dummyHash, password);
    return false;
  }
}
