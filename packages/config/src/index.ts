// Phresh's configuration: read from the environment once, validated with zod, at start-up.
// Nothing else in the code base reads process.env; everything gets a `PhreshConfig`.
import { existsSync } from "node:fs";
import { isIP } from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

export { ConfigError } from "./config-error.ts";
export { resolveSecretKey, SECRET_KEY_FILE } from "./secret-key.ts";

import { ConfigError } from "./config-error.ts";

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://");

const flag = z
  .enum(["0", "1", "true", "false"])
  .transform((value) => value === "1" || value === "true");

const environmentSchema = z.object({
  PHRESH_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: postgresUrl.optional(),
  PHRESH_DATA_DIR: z.string().min(1).optional(),
  SECRET_KEY: z.string().optional(),
  ACCESS_TOKEN_EXPIRE_SECONDS: z.coerce.number().int().min(60).max(31_536_000).default(3600),
  JWT_ISSUER: z.string().min(1).default("phresh"),
  REQUIRE_VERIFICATION: flag.default(true),
  PASSWORD_POLICY: z.enum(["legacy", "nist"]).default("legacy"),
  APP_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Phresh <no-reply@phresh.local>"),
  DEV_MAILBOX: flag.optional(),
  TRUSTED_PROXIES: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    // A range or a name would match no peer, silently: every client would share its proxy's
    // rate-limit key.
    .refine((entries) => entries.every((entry) => isIP(entry) !== 0), {
      message: "must list the proxies' IP addresses, separated by commas (no ranges, no names)",
    })
    .default([]),
  RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  CALLER_CACHE: z.enum(["on", "off"]).default("on"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  TRPC_MAX_BATCH_CALLS: z.coerce.number().int().min(1).max(1000).default(10),
  PASSWORD_GUESSES_PER_ACCOUNT: z.coerce.number().int().min(10).max(100_000).default(100),
  MAILS_PER_RECIPIENT: z.coerce.number().int().min(1).max(1000).default(3),
  PASSWORD_HASHING_CONCURRENCY: z.coerce.number().int().min(1).max(1024).optional(),
  PASSWORD_HASHING_QUEUE: z.coerce.number().int().min(0).max(100_000).default(32),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
});

export type PasswordPolicyName = "legacy" | "nist";

export type DevMailboxAccess = "off" | "loopback-only" | "open";

export type PhreshConfig = {
  /** "production" only when the operator says so; `NODE_ENV` is not consulted (`next start` always sets it). */
  environment: "development" | "production" | "test";
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDirectory: string };
  /** PostgreSQL connections each process keeps (PGlite has one, in process). */
  databasePoolSize: number;
  /** Where local state lives (embedded database, generated secret). */
  dataDirectory: string;
  /** As given; `resolveSecretKey` checks it or generates one for development. */
  secretKey: string | undefined;
  accessTokenLifetimeSeconds: number;
  jwtIssuer: string;
  requireVerification: boolean;
  passwordPolicy: PasswordPolicyName;
  /** Base of the links in mails, e.g. https://phresh.example; by default http://localhost:PORT. */
  appUrl: string;
  mail: { smtpUrl: string | undefined; from: string };
  /**
   * The development mailbox (`/api/dev/outbox`, `/dev/mailbox`) hands out every verification and
   * reset link. Without SMTP outside production it serves loopback clients only; DEV_MAILBOX=1
   * opens it to everyone (start-up warns), DEV_MAILBOX=0 turns it off.
   */
  devMailbox: DevMailboxAccess;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed; nobody else's is. */
  trustedProxies: string[];
  /** Off only for test servers that must not be slowed by them; never in production. */
  rateLimitsEnabled: boolean;
  /**
   * Callers (user, token revocation) kept per process, dropped on the database's change
   * notifications (packages/api/src/auth/caller-cache.ts). CALLER_CACHE=off queries every time.
   */
  callerCacheEnabled: boolean;
  /** Calls one tRPC batch may hold; a larger batch is refused before any of them runs. */
  maxBatchCalls: number;
  /** Wrong passwords an account takes in an hour from all addresses together (distributed guessing). */
  passwordGuessesPerAccountPerHour: number;
  /** Mails of one kind (verification, reset) that one address receives in an hour. */
  mailsPerRecipientPerHour: number;
  /** argon2 work of this process: how much runs at once, and how much may wait for a turn. */
  passwordHashing: { concurrency: number; queueLength: number };
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "silent";
  /** Where `pnpm start` listens. */
  listen: { port: number; hostname: string };
};

/** The repository root (the folder holding pnpm-workspace.yaml), so defaults do not depend on which app started. */
export function findRepositoryRoot(start = process.cwd()): string {
  // Resolved at run time on purpose: tell Next's tracer not to include the whole project.
  let current = path.resolve(/*turbopackIgnore: true*/ start);
  while (true) {
    if (existsSync(path.join(current, "pnpm-workspace.yaml"))) return current;
    const parent = path.dirname(current);
    if (parent === current) return path.resolve(/*turbopackIgnore: true*/ start);
    current = parent;
  }
}

/** DEV_MAILBOX decides when given; otherwise a mailbox only where no mail leaves and only for this machine. */
function devMailboxAccess(
  devMailbox: boolean | undefined,
  smtpConfigured: boolean,
  production: boolean,
): DevMailboxAccess {
  if (devMailbox !== undefined) return devMailbox ? "open" : "off";
  return smtpConfigured || production ? "off" : "loopback-only";
}

export function loadConfig(
  environment: Record<string, string | undefined> = process.env,
): PhreshConfig {
  // Empty strings count as unset: `DATABASE_URL= pnpm start` means "use the default".
  const present = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== ""),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    // Never echo the values: SECRET_KEY and SMTP_URL are secrets.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const values = parsed.data;
  const dataDirectory = path.resolve(
    /*turbopackIgnore: true*/
    values.PHRESH_DATA_DIR ?? path.join(findRepositoryRoot(), ".data"),
  );
  const production = values.PHRESH_ENV === "production";
  return {
    environment: values.PHRESH_ENV,
    dataDirectory,
    database: values.DATABASE_URL
      ? { kind: "postgres", url: values.DATABASE_URL }
      : { kind: "pglite", dataDirectory: path.join(dataDirectory, "pglite") },
    databasePoolSize: values.DATABASE_POOL_SIZE,
    secretKey: values.SECRET_KEY,
    accessTokenLifetimeSeconds: values.ACCESS_TOKEN_EXPIRE_SECONDS,
    jwtIssuer: values.JWT_ISSUER,
    requireVerification: values.REQUIRE_VERIFICATION,
    passwordPolicy: values.PASSWORD_POLICY,
    // Unset, links point at this machine on the port the app serves on.
    appUrl: (values.APP_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ""),
    mail: { smtpUrl: values.SMTP_URL, from: values.MAIL_FROM },
    devMailbox: devMailboxAccess(values.DEV_MAILBOX, values.SMTP_URL !== undefined, production),
    trustedProxies: values.TRUSTED_PROXIES,
    rateLimitsEnabled: production || values.RATE_LIMITS === "on",
    callerCacheEnabled: values.CALLER_CACHE === "on",
    maxBatchCalls: values.TRPC_MAX_BATCH_CALLS,
    passwordGuessesPerAccountPerHour: values.PASSWORD_GUESSES_PER_ACCOUNT,
    mailsPerRecipientPerHour: values.MAILS_PER_RECIPIENT,
    passwordHashing: {
      concurrency: values.PASSWORD_HASHING_CONCURRENCY ?? os.availableParallelism(),
      queueLength: values.PASSWORD_HASHING_QUEUE,
    },
    logLevel: values.LOG_LEVEL,
    listen: { port: values.PORT, hostname: values.HOSTNAME },
  };
}
