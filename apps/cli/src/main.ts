// Entry point of `phresh` (`pnpm phresh …` from the repository root).
import { readEnvironment } from "./environment.ts";
import { runPhresh } from "./program.ts";

const exitCode = await runPhresh(process.argv.slice(2), readEnvironment(process.env), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
// exitCode rather than exit(): pending output to a pipe is written before the process ends.
process.exitCode = exitCode;
