// Password hashing with argon2id at OWASP's parameters (m = 19 MiB, t = 2, p = 1). Every hash and
// verification goes through one queue (hashing-queue.ts), limited by PASSWORD_HASHING_CONCURRENCY
// and PASSWORD_HASHING_QUEUE, so that exactly as many hashes run as there are cores. One process
// (PGlite, tests) hashes itself: each services instance has its own queue, so two instances in one
// process neither share nor reconfigure each other's limits. A cluster's workers hand their hashes
// to the primary, which runs the one queue of the machine (primary-hashing.ts).
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

/** What the API asks of password hashing, wherever the hashes are computed. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a malformed hash too: a damaged record must not become a way in. */
  verify(hash: string, password: string): Promise<boolean>;
  /**
   * Burns the same time as checking a real password, for log-ins with an unknown address: the
   * answer's timing must not tell which addresses have accounts.
   */
  verifyAgainstDummy(password: string): Promise<false>;
}

/** The dummy hash of this process, made on first use. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= argon2.hash("phresh-dummy-password-for-unknown-accounts", HASH_OPTIONS);
  return dummyHash;
}

/** Hashes in this process, on libuv's threads, through its own queue. */
export class InProcessPasswordHasher implements PasswordHasher {
  readonly queue: HashingQueue;

  constructor(limits: HashingLimits) {
    this.queue = new HashingQueue(limits);
  }

  hash(password: string): Promise<string> {
    return this.queue.run(() => argon2.hash(password, HASH_OPTIONS));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.queue.run(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    });
  }

  async verifyAgainstDummy(password: string): Promise<false> {
    await this.verify(await dummyPasswordHash(), password);
    return false;
  }
}
