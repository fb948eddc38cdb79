// What the API needs from the outside world, opened once per process and shared by every
// request: the configuration, the database, the token signer, the password hasher and the mail
// delivery.
import { type PhreshConfig, resolveSecretKey } from "@phresh/config";
import {
  type CallerChangeWatcher,
  type Database,
  type OpenOptions,
  openDatabase,
} from "@phresh/db";
import { AccessTokens } from "./auth/access-tokens.ts";
import { CallerCache } from "./auth/caller-cache.ts";
import { PasswordHasher } from "./auth/passwords.ts";
import { createRateLimits, type RateLimits } from "./auth/rate-limits.ts";
import { SmtpDelivery } from "./mail/smtp-delivery.ts";

export type Services = {
  config: PhreshConfig;
  database: Database;
  accessTokens: AccessTokens;
  /** Hashes and checks passwords through this instance's own bounded queue. */
  passwords: PasswordHasher;
  /** Present when SMTP_URL is set; otherwise mails stay in the outbox (the development mailbox). */
  smtpDelivery: SmtpDelivery | undefined;
  rateLimits: RateLimits;
  /** Callers of recent requests; never listening, hence never used, with CALLER_CACHE=off. */
  callerCache: CallerCache;
  /** Keeps `callerCache` told of changes; undefined with CALLER_CACHE=off. */
  callerChanges: CallerChangeWatcher | undefined;
  /** Work finishing after its response was sent; awaited on shutdown. */
  backgroundTasks: Set<Promise<void>>;
};

const AFTER_ANSWER_DELAY_MS = 25;

/**
 * Runs `task` after the response: used where the answer must not reveal, by its timing, what
 * the work found (e.g. whether an address has an account). Failures are logged, never thrown.
 */
export function runInBackground(
  services: Services,
  label: string,
  task: () => Promise<unknown>,
): void {
  // Started a little later, once the answer is written out: the embedded database works on
  // this thread, and what the task finds (an account or none) must not delay the answer. A
  // 0 ms timer could fire before the answer's last write (measured: 3–7 ms slower answers for
  // known addresses); 25 ms is long past it and nothing a person waiting for a mail notices.
  const running: Promise<void> = new Promise((resolve) =>
    setTimeout(resolve, AFTER_ANSWER_DELAY_MS),
  )
    .then(task)
    .then(
      () => {},
      (error: unknown) =>
        console.error(`${label} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  services.backgroundTasks.add(running);
  void running.finally(() => services.backgroundTasks.delete(running));
}

/** Builds the services on an open database. */
export function createServices(
  config: PhreshConfig,
  database: Database,
  secretKey = resolveSecretKey(config),
): Services {
  const accessTokens = new AccessTokens({
    secretKey,
    issuer: config.jwtIssuer,
    lifetimeSeconds: config.accessTokenLifetimeSeconds,
  });
  const smtpDelivery = config.mail.smtpUrl
    ? new SmtpDelivery(database.prisma, config.mail.smtpUrl, config.mail.from)
    : undefined;
  smtpDelivery?.start();
  const callerCache = new CallerCache();
  return {
    config,
    database,
    accessTokens,
    passwords: new PasswordHasher(config.passwordHashing),
    smtpDelivery,
    rateLimits: createRateLimits(database, config),
    callerCache,
    callerChanges: config.callerCacheEnabled
      ? database.watchCallerChanges({
          onChange: (change) => callerCache.onChange(change),
          onListening: () => callerCache.onListening(),
          onDeaf: () => callerCache.onDeaf(),
          onConnectionError: (error) =>
            console.error(
              `Caller cache off until PostgreSQL's change notifications are heard again: ${error.message}`,
            ),
        })
      : undefined,
    backgroundTasks: new Set(),
  };
}

export async function openServices(
  config: PhreshConfig,
  options: Pick<OpenOptions, "migrate"> = {},
): Promise<Services> {
  // Resolved before the database opens: a missing production secret must not migrate anything.
  const secretKey = resolveSecretKey(config);
  const database = await openDatabase(config.database, {
    ...options,
    poolSize: config.databasePoolSize,
    onPoolError: (error) => console.error(`PostgreSQL connection lost: ${error.message}`),
  });
  return createServices(config, database, secretKey);
}

export async function closeServices(services: Services): Promise<void> {
  await Promise.all(services.backgroundTasks);
  await services.smtpDelivery?.stop();
  await services.callerChanges?.close();
  await services.database.close();
}
