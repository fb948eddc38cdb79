// PGlite gives no protection against two processes opening one data directory, and when that
// happens every write of both is silently lost. This lock file (holding the owner's PID) makes
// the second opener fail with a clear message instead.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { DataDirectoryLockedError } from "./errors.ts";

export function lockFilePath(dataDirectory: string): string {
  return `${dataDirectory}.lock`;
}

/** Takes the lock on `dataDirectory` for this process; returns the function that releases it. */
export function acquireDirectoryLock(dataDirectory: string): () => void {
  const lockPath = lockFilePath(dataDirectory);
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const descriptor = openSync(lockPath, "wx");
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return () => releaseIfOurs(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      if (holder !== undefined && isRunning(holder)) {
        const who = holder === process.pid ? "this process" : `process ${holder}`;
        throw new DataDirectoryLockedError(
          `The embedded database ${dataDirectory} is already open by ${who}. Stop that server first, or set PHRESH_DATA_DIR to another directory.`,
        );
      }
      // The holder is gone (crash, kill -9): the lock is stale.
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirectoryLockedError(
    `Could not take the lock ${lockPath}; another process keeps taking it. Stop other Phresh servers on this directory.`,
  );
}

function readHolder(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function releaseIfOurs(lockPath: string): void {
  if (readHolder(lockPath) === process.pid) rmSync(lockPath, { force: true });
}
