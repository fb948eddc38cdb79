import { ConfigError } from "@phresh/config";
import { describe, expect, it } from "vitest";
import { workerCount } from "./worker-count.ts";

describe("the number of workers on PostgreSQL", () => {
  it("is one per core unless WEB_CONCURRENCY says otherwise", () => {
    expect(workerCount(undefined, 6)).toBe(6);
    expect(workerCount("", 6)).toBe(6);
    expect(workerCount("3", 6)).toBe(3);
    expect(workerCount(" 1 ", 6)).toBe(1);
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number from 1 to 256, saying what it wants", () => {
    for (const given of ["0", "-2", "1.5", "two", "257", "1e9"]) {
      expect(() => workerCount(given, 2)).toThrow(ConfigError);
      expect(() => workerCount(given, 2)).toThrow(
        `WEB_CONCURRENCY must be a whole number of worker processes from 1 to 256, not "${given}".`,
      );
    }
  });
});
