// The ceiling for log-in and registration: how many argon2id verifications and hashes per second
// this machine does at the app's parameters, with as many operations in flight as it has cores.
// Log-in costs one verification and registration one hash, so neither route can beat these.
import os from "node:os";
import argon2 from "argon2";
import { measureCpu } from "../process-usage.ts";

/**
 * The app's parameters (packages/api/src/auth/passwords.ts, OWASP's argon2id settings). Not
 * importable from @phresh/api's public entry, so repeated here; the PostgreSQL run checks a
 * hash the app made against them (`matchesAppParameters`).
 */
export const APP_HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export type Argon2Operation = "hash" | "verify";

/** One raw measurement of one operation, taken right before a round of its app scenario. */
export type Argon2Measurement = {
  operation: Argon2Operation;
  concurrency: number;
  seconds: number;
  perSecond: number;
  /** Share of the machine's CPU other processes took meanwhile (see load.ts). */
  otherCpuShare: number;
};

/** Completed operations per second, keeping `concurrency` in flight until `seconds` have passed. */
async function throughput(
  seconds: number,
  concurrency: number,
  operation: () => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let completed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await operation();
        completed += 1;
      }
    }),
  );
  return completed / ((performance.now() - started) / 1000);
}

/** `operation`s per second at the app's parameters, as many in flight as the machine has cores. */
export async function measureArgon2(
  operation: Argon2Operation,
  seconds: number,
  password: string,
): Promise<Argon2Measurement> {
  const concurrency = os.availableParallelism();
  const hash = await argon2.hash(password, APP_HASH_OPTIONS);
  // A warm-up call: the first one allocates the thread pool and its memory.
  await argon2.verify(hash, password);
  const cpu = measureCpu(undefined);
  const perSecond = await throughput(seconds, concurrency, () =>
    operation === "hash" ? argon2.hash(password, APP_HASH_OPTIONS) : argon2.verify(hash, password),
  );
  const usage = cpu.stop();
  const otherCpuShare = usage.capacity > 0 ? usage.other / usage.capacity : 0;
  return { operation, concurrency, seconds, perSecond, otherCpuShare };
}

/** True when `hash` (made by the app) used exactly the parameters measured here. */
export function matchesAppParameters(hash: string): boolean {
  return hash.startsWith("$argon2id$") && !argon2.needsRehash(hash, APP_HASH_OPTIONS);
}
