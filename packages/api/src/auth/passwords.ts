// Password hashing with argon2id at OWASP's parameters (m = 19 MiB, t = 2, p = 1), every hash
// and verification through one queue per process (hashing-queue.ts): the cores are the process's.
import os from "node:os";
import argon2 from "argon2";
import { HashingQueue } from "./hashing-queue.ts";

export const HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Limited by PASSWORD_HASHING_CONCURRENCY and PASSWORD_HASHING_QUEUE once services start. */
export const passwordHashingQueue = new HashingQueue({
  concurrency: os.availableParallelism(),
  queueLength: 32,
});

export function hashPassword(password: string): Promise<string> {
  return passwordHashingQueue.run(() => argon2.hash(password, HASH_OPTIONS));
}

/** False for a malformed hash too: a damaged record must not become a way in. */
export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return passwordHashingQueue.run(async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}

/** True when the hash was made with other parameters than today's: re-hash at the next log-in. */
export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, HASH_OPTIONS);
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Burns the same time as checking a real password, for log-ins with an unknown address: the
 * answer's timing must not tell which addresses have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  // Made outside the queue: a busy refusal must not be remembered as the dummy hash.
  dummyHash ??= argon2.hash("phresh-dummy-password-for-unknown-accounts", HASH_OPTIONS);
  await verifyPassword(await dummyHash, password);
  return false;
}
