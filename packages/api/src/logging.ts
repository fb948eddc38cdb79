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

const property = (field: string) => (/^\w+$/.test(field) ? `.${field}` : `["${field}"]`);

// At the top level, and one or two objects deep (e.g. `req.headers.authorization`).
export const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => [
  property(field).replace(/^\./, ""),
  `*${property(field)}`,
  `*.*${property(field)}`,
]);

export function createLogger(
  level: pino.LevelWithSilent,
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, base: undefined },
    destination,
  );
}

export type { Logger };
