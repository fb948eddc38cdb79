import { spawnSync } from "node:child_process";
import { statSync, utimesSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const launcher = fileURLToPath(new URL("phresh.mjs", import.meta.url));
const program = fileURLToPath(new URL("../dist/phresh.mjs", import.meta.url));
const source = fileURLToPath(new URL("../src/output.ts", import.meta.url));

function phreshHelp() {
  const run = spawnSync(process.execPath, [launcher, "--help"], { encoding: "utf8" });
  expect(run).toMatchObject({ status: 0, stderr: "" });
  expect(run.stdout).toMatch(/^Usage: phresh/);
}

describe("bin/phresh.mjs", () => {
  it("runs the compiled program as it is while it is current, and compiles it again once a source changes", () => {
    phreshHelp();
    const compiledAt = statSync(program).mtimeMs;
    phreshHelp();
    expect(statSync(program).mtimeMs).toBe(compiledAt);
    // As an edit would: the file is newer than the program made from it.
    const now = new Date();
    utimesSync(source, now, now);
    phreshHelp();
    expect(statSync(program).mtimeMs).toBeGreaterThan(compiledAt);
  });
});
