// The key that signs access tokens. Production must provide one; development generates one on
// first start and keeps it in the data directory, so restarts keep people logged in.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "./config-error.ts";
import type { PhreshConfig } from "./index.ts";

export const SECRET_KEY_FILE = "secret-key";
const MINIMUM_BYTES = 32;

export function resolveSecretKey(
  config: PhreshConfig,
  warn: (message: string) => void = console.warn,
): string {
  if (config.secretKey !== undefined) {
    if (Buffer.byteLength(config.secretKey) < MINIMUM_BYTES) {
      throw new ConfigError(
        `SECRET_KEY must be at least ${MINIMUM_BYTES} bytes; generate one with: openssl rand -base64 48`,
      );
    }
    return config.secretKey;
  }
  if (config.environment === "production") {
    throw new ConfigError(
      "SECRET_KEY is required when PHRESH_ENV=production; generate one with: openssl rand -base64 48",
    );
  }
  const file = path.join(config.dataDirectory, SECRET_KEY_FILE);
  const stored = readStoredKey(file);
  if (stored) return stored;
  const generated = randomBytes(48).toString("base64url");
  mkdirSync(config.dataDirectory, { recursive: true });
  // "wx": if another process wrote it first, use theirs.
  try {
    writeFileSync(file, generated, { mode: 0o600, flag: "wx" });
  } catch {
    const theirs = readStoredKey(file);
    if (theirs) return theirs;
    throw new ConfigError(`Could not write the generated secret key to ${file}.`);
  }
  warn(
    `SECRET_KEY is not set: generated one for development and kept it in ${file}. Set SECRET_KEY in production.`,
  );
  return generated;
}

function readStoredKey(file: string): string | undefined {
  try {
    const key = readFileSync(file, "utf8").trim();
    return Buffer.byteLength(key) >= MINIMUM_BYTES ? key : undefined;
  } catch {
    return undefined;
  }
}
