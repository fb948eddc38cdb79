// Structured logs (pino). Secrets are removed by configuration, not by care: any field with one
// of these names is censored wherever it appears in a logged object.
import pino, { type Logger } from "pino";

const SECRET_FIELDS = [
  "password",
  "current_password",
  "hashedPassword",
  "hashed_password",
  "token",
  "access_token",
  "accessToken",
  "authorization",
  "cookie",
  "set-cookie",
  "phresh-access-token",
  "secretKey",
  "SECRET_KEY",
];

const SECRET_NAMES = new Set(SECRET_FIELDS.map((field) => field.toLowerCase()));
const CENSOR = "[redacted]";
/** The logged object's own fields, and objects one and two levels into it (`req.headers.cookie`). */
const LEVELS = 3;

/**
 * `value` with every field named in SECRET_FIELDS (in any case) replaced by "[redacted]", down to
 * LEVELS; copied only where something is censored, so the caller's object is never changed.
 * Written here rather than pino's `redact` option: that one parses its 39 path patterns again on
 * every line, 75 µs a request (5 % of a GET's server CPU in a profile, bench/RESULTS.md).
 */
export function censorSecrets(value: unknown, levels = LEVELS): unknown {
  if (levels === 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => censorSecrets(item, levels - 1));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    const censored = SECRET_NAMES.has(key.toLowerCase())
      ? CENSOR
      : censorSecrets(field, levels - 1);
    if (censored === field) continue;
    // An error stays an error (of its class, with its message and stack) for pino's serializer.
    copy ??=
      value instanceof Error
        ? Object.assign(Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>, {
            ...value,
            message: value.message,
            stack: value.stack,
          })
        : { ...value };
    copy[key] = censored;
  }
  return copy ?? value;
}

export function createLogger(
  level: pino.LevelWithSilent,
  destination?: pino.DestinationStream,
): Logger {
  const logger = pino(
    {
      level,
      base: undefined,
      formatters: { log: (object) => censorSecrets(object) as Record<string, unknown> },
    },
    destination,
  );
  // A child's own fields are written once, when it is made; children inherit this `child`.
  const makeChild = logger.child;
  logger.child = function child(this: Logger, bindings, options) {
    return makeChild.call(this, censorSecrets(bindings) as pino.Bindings, options);
  } as Logger["child"];
  return logger;
}

export type { Logger };
