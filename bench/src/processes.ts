// Child processes of the benchmark: started with their output captured, stopped by their own
// pid (never by name), and registered for clean-up so an interrupted run leaves none behind.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { onCleanup } from "./cleanup.ts";

export const benchDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repositoryRoot = path.resolve(benchDirectory, "..");

/** Output kept per child: enough for an error message, bounded for long runs. */
const OUTPUT_LIMIT = 64 * 1024;

export type Child = {
  pid: number;
  process: ChildProcess;
  /** The last 64 KiB of stdout and stderr, interleaved. */
  output(): string;
  /** Stdout only, complete (for workers that answer with JSON). */
  stdout(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Whether `stop` was called: an exit without it is the child's own doing. */
  stopRequested(): boolean;
};

export function startChild(
  label: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { pid } = child;
  if (pid === undefined) throw new Error(`bench: could not start ${label} (${command})`);
  let output = "";
  let stdout = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    keep(chunk);
  });
  child.stderr.on("data", keep);
  let running = true;
  let stopRequested = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      running = false;
      resolve(code);
    });
  });
  const stop = async (graceMs = 10_000) => {
    stopRequested = true;
    if (!running) return;
    signal(pid, "SIGTERM");
    const killer = setTimeout(() => {
      if (running) signal(pid, "SIGKILL");
    }, graceMs);
    await exited;
    clearTimeout(killer);
  };
  const forget = onCleanup(label, () => stop());
  void exited.then(() => forget());
  return {
    pid,
    process: child,
    output: () => output,
    stdout: () => stdout,
    exited,
    stop,
    stopRequested: () => stopRequested,
  };
}

/** Signals one process; one that has just exited (ESRCH) is not an error. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** Resolves when the child prints `pattern`; rejects with its output when it exits or times out first. */
export async function waitForOutput(
  child: Child,
  label: string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => {
    exitCode = code;
  });
  while (!pattern.test(child.output())) {
    if (exitCode !== undefined)
      throw new Error(`${label} exited (code ${exitCode}) before it was ready:\n${child.output()}`);
    if (Date.now() > deadline)
      throw new Error(`${label} was not ready after ${timeoutMs / 1000} s:\n${child.output()}`);
    await sleep(100);
  }
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** A port that was free a moment ago on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("bench: no free port")),
      );
    });
  });
}
