// Runs `phresh …args` in this process, as main.ts runs it but on in-memory streams: for tests
// that need no child process (a child costs a fifth of a second to start).
import { PassThrough } from "node:stream";
import type { Environment } from "./environment.ts";
import { runPhresh } from "./program.ts";

export type Run = { code: number | null; stdout: string; stderr: string };

/** Runs one command line with `input` on stdin and answers its exit code and output. */
export async function runInProcess(
  args: readonly string[],
  environment: Environment,
  input = "",
): Promise<Run> {
  const stdin = new PassThrough();
  stdin.end(input);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => {
    out += chunk;
  });
  stderr.on("data", (chunk) => {
    err += chunk;
  });
  const code = await runPhresh(args, environment, { stdin, stdout, stderr });
  return { code, stdout: out, stderr: err };
}
