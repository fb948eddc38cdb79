#!/usr/bin/env node
// `phresh`: runs the compiled program (dist/phresh.mjs, made by scripts/build.ts), compiling it
// first when it is missing or older than any file it was compiled from, so that `pnpm phresh`
// always runs the sources as they are, and starts fast. Plain JavaScript: it runs before any
// TypeScript is compiled.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";

const program = new URL("../dist/phresh.mjs", import.meta.url);
const inputs = new URL("../dist/inputs.json", import.meta.url);
const buildScript = new URL("../scripts/build.ts", import.meta.url);

function modifiedAt(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function outOfDate() {
  const builtAt = Math.min(modifiedAt(program) ?? -1, modifiedAt(inputs) ?? -1);
  if (builtAt < 0) return true;
  const sources = JSON.parse(readFileSync(inputs, "utf8"));
  return sources.some((source) => (modifiedAt(source) ?? Number.POSITIVE_INFINITY) > builtAt);
}

if (outOfDate()) {
  // Its output would mix with the program's (`--json` is read by scripts); errors go to stderr.
  const built = spawnSync(process.execPath, ["--import", "tsx", buildScript.pathname], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (built.status !== 0) {
    process.stderr.write("phresh: compiling the command-line client failed (above).\n");
    process.exit(1);
  }
}
await import(program.href);
