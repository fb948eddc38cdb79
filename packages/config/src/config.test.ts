import { mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  findRepositoryRoot,
  loadConfig,
  resolveSecretKey,
  SECRET_KEY_FILE,
} from "./index.ts";

describe("loadConfig", () => {
  it("defaults to an embedded database in .data/pglite at the repository root", () => {
    const config = loadConfig({});
    const root = findRepositoryRoot();
    expect(config.database).toEqual({
      kind: "pglite",
      dataDirectory: path.join(root, ".data", "pglite"),
    });
    expect(config.environment).toBe("development");
  });

  it("points mail links at the port the app serves on unless APP_URL says otherwise", () => {
    expect(loadConfig({}).appUrl).toBe("http://localhost:3000");
    expect(loadConfig({ PORT: "4000" }).appUrl).toBe("http://localhost:4000");
    expect(loadConfig({ PORT: "4000", APP_URL: "https://phresh.example/" }).appUrl).toBe(
      "https://phresh.example",
    );
  });

  it("switches to PostgreSQL when DATABASE_URL is set", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/phresh" });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://postgres@127.0.0.1:5432/phresh",
    });
  });

  it("keeps 10 PostgreSQL connections per process unless DATABASE_POOL_SIZE says otherwise", () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: "4" }).databasePoolSize).toBe(4);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(loadConfig({ DATABASE_URL: "" }).database.kind).toBe("pglite");
  });

  it("rejects a DATABASE_URL that is not a PostgreSQL URL with a readable message", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
  });

  it("ignores NODE_ENV: production is what the operator declares with PHRESH_ENV", () => {
    expect(loadConfig({ NODE_ENV: "production" }).environment).toBe("development");
    expect(loadConfig({ PHRESH_ENV: "production" }).environment).toBe("production");
  });

  it("defaults the abuse limits, and takes them from the environment", () => {
    const defaults = loadConfig({});
    expect(defaults.maxBatchCalls).toBe(10);
    expect(defaults.passwordGuessesPerAccountPerHour).toBe(100);
    expect(defaults.mailsPerRecipientPerHour).toBe(3);
    expect(defaults.passwordHashing).toEqual({
      concurrency: os.availableParallelism(),
      queueLength: 32,
    });
    const set = loadConfig({
      TRPC_MAX_BATCH_CALLS: "4",
      PASSWORD_GUESSES_PER_ACCOUNT: "50",
      MAILS_PER_RECIPIENT: "1",
      PASSWORD_HASHING_CONCURRENCY: "3",
      PASSWORD_HASHING_QUEUE: "0",
    });
    expect([
      set.maxBatchCalls,
      set.passwordGuessesPerAccountPerHour,
      set.mailsPerRecipientPerHour,
    ]).toEqual([4, 50, 1]);
    expect(set.passwordHashing).toEqual({ concurrency: 3, queueLength: 0 });
  });

  it("refuses abuse limits out of their range by name", () => {
    expect(() => loadConfig({ TRPC_MAX_BATCH_CALLS: "0" })).toThrow(/TRPC_MAX_BATCH_CALLS/);
    expect(() => loadConfig({ PASSWORD_GUESSES_PER_ACCOUNT: "5" })).toThrow(
      /PASSWORD_GUESSES_PER_ACCOUNT/,
    );
    expect(() => loadConfig({ MAILS_PER_RECIPIENT: "lots" })).toThrow(/MAILS_PER_RECIPIENT/);
    expect(() => loadConfig({ PASSWORD_HASHING_CONCURRENCY: "0" })).toThrow(
      /PASSWORD_HASHING_CONCURRENCY/,
    );
  });

  it("takes TRUSTED_PROXIES as IP addresses, and refuses a range or a name by name", () => {
    expect(loadConfig({ TRUSTED_PROXIES: "10.0.0.1, ::1" }).trustedProxies).toEqual([
      "10.0.0.1",
      "::1",
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: "10.0.0.0/8" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUSTED_PROXIES: "10.0.0.1, proxy.internal" })).toThrow(
      /TRUSTED_PROXIES/,
    );
  });

  it("keeps the data directory where PHRESH_DATA_DIR says", () => {
    const config = loadConfig({ PHRESH_DATA_DIR: "/tmp/phresh-data" });
    expect(config.database).toEqual({ kind: "pglite", dataDirectory: "/tmp/phresh-data/pglite" });
  });
});

describe("resolveSecretKey", () => {
  const temporary = () => mkdtempSync(path.join(os.tmpdir(), "phresh-secret-"));

  it("generates a development key once, keeps it in the data directory (0600), and warns once", () => {
    const dataDirectory = temporary();
    const warnings: string[] = [];
    const config = loadConfig({ PHRESH_DATA_DIR: dataDirectory });
    const first = resolveSecretKey(config, (message) => warnings.push(message));
    const second = resolveSecretKey(config, (message) => warnings.push(message));
    expect(first).toBe(second);
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dataDirectory, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain(first);
  });

  it("refuses to start in production without a key", () => {
    const config = loadConfig({ PHRESH_ENV: "production", PHRESH_DATA_DIR: temporary() });
    expect(() => resolveSecretKey(config)).toThrow(
      /SECRET_KEY is required when PHRESH_ENV=production/,
    );
  });

  it("refuses a key shorter than 32 bytes, without echoing it", () => {
    const config = loadConfig({ SECRET_KEY: "too-short-secret" });
    expect(() => resolveSecretKey(config)).toThrow(/at least 32 bytes/);
    expect(() => resolveSecretKey(config)).not.toThrow(/too-short-secret/);
  });

  it("uses a provided key as is", () => {
    const key = "k".repeat(40);
    expect(resolveSecretKey(loadConfig({ SECRET_KEY: key, PHRESH_ENV: "production" }))).toBe(key);
  });
});

describe("development mailbox switch", () => {
  it("serves loopback clients only by default, is off with SMTP or in production, and DEV_MAILBOX decides", () => {
    expect(loadConfig({}).devMailbox).toBe("loopback-only");
    expect(loadConfig({ SMTP_URL: "smtp://localhost:25" }).devMailbox).toBe("off");
    expect(loadConfig({ PHRESH_ENV: "production" }).devMailbox).toBe("off");
    expect(loadConfig({ DEV_MAILBOX: "1" }).devMailbox).toBe("open");
    expect(loadConfig({ PHRESH_ENV: "production", DEV_MAILBOX: "1" }).devMailbox).toBe("open");
    expect(loadConfig({ DEV_MAILBOX: "0" }).devMailbox).toBe("off");
  });
});
