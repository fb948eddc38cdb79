import { ConfigError } from "@phresh/config";
import { describe, expect, it } from "vitest";
import { databaseOnThisMachine, workerCount } from "./worker-count.ts";

describe("the number of workers on PostgreSQL", () => {
  it("is one per core when PostgreSQL runs elsewhere, unless WEB_CONCURRENCY says otherwise", () => {
    const elsewhere = { cores: 6, databaseOnThisMachine: false };
    expect(workerCount(undefined, elsewhere)).toBe(6);
    expect(workerCount("", elsewhere)).toBe(6);
    expect(workerCount("3", elsewhere)).toBe(3);
    expect(workerCount(" 1 ", elsewhere)).toBe(1);
  });

  it("leaves a core to a PostgreSQL on this machine, and never goes below one worker", () => {
    expect(workerCount(undefined, { cores: 6, databaseOnThisMachine: true })).toBe(5);
    expect(workerCount(undefined, { cores: 2, databaseOnThisMachine: true })).toBe(1);
    expect(workerCount(undefined, { cores: 1, databaseOnThisMachine: true })).toBe(1);
    expect(workerCount("2", { cores: 2, databaseOnThisMachine: true })).toBe(2);
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number from 1 to 256, saying what it wants", () => {
    for (const given of ["0", "-2", "1.5", "two", "257", "1e9"]) {
      const defaults = { cores: 2, databaseOnThisMachine: false };
      expect(() => workerCount(given, defaults)).toThrow(ConfigError);
      expect(() => workerCount(given, defaults)).toThrow(
        `WEB_CONCURRENCY must be a whole number of worker processes from 1 to 256, not "${given}".`,
      );
    }
  });
});

describe("databaseOnThisMachine", () => {
  it("sees loopback addresses and Unix sockets as this machine", () => {
    for (const url of [
      "postgres://postgres@127.0.0.1:5432/phresh",
      "postgres://postgres@localhost/phresh",
      "postgresql://postgres@[::1]:5432/phresh",
      "postgres://postgres@127.0.1.1/phresh",
      "postgres:///phresh",
      "postgres://%2Fvar%2Frun%2Fpostgresql/phresh",
      "postgres://postgres@localhost/phresh?host=/var/run/postgresql",
      "postgres://postgres@db.internal/phresh?host=/var/run/postgresql",
    ])
      expect(databaseOnThisMachine(url), url).toBe(true);
  });

  it("sees other hosts as elsewhere", () => {
    for (const url of [
      "postgres://postgres@db.internal:5432/phresh",
      "postgres://postgres@10.0.0.7/phresh",
      "postgres://postgres@127.example.com/phresh",
    ])
      expect(databaseOnThisMachine(url), url).toBe(false);
  });
});
