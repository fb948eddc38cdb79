// A pages process that cannot even be forked (EAGAIN under a process limit, EMFILE): its
// ChildProcess reports an 'error' and never exits. The server must take it for a failed start,
// as it takes a pages process that exits before listening, and go on serving its API.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PagesProcess } from "./pages-process.ts";
import { capturingLogger } from "./testing.ts";

describe("a pages process that cannot be forked", () => {
  it("fails the start, logs why, and pauses before forking again", async () => {
    const { logger, logs } = capturingLogger();
    let forks = 0;
    const pages = new PagesProcess(logger, undefined, () => {
      forks += 1;
      // A real fork failure: spawning a program that does not exist fails the same way.
      return spawn("/nonexistent/phresh-pages", [], {
        stdio: ["ignore", "ignore", "ignore", "ipc"],
      });
    });
    await expect(pages.whenListening()).rejects.toMatchObject({ code: "ENOENT" });
    expect(logs()).toContain("the pages process failed");
    await expect(pages.whenListening()).rejects.toThrow(/failed to start a moment ago/);
    expect(forks).toBe(1);
    await pages.stop();
  });
});
