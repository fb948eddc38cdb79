// The database layer's errors. Start-up failures are classes whose message is one readable line
// saying what is wrong and what to do (callers print it and exit, never a stack trace); the
// functions below read what a failed query's error says (unreachable, or the adapter's kind).

export class DatabaseError extends Error {
  override name = "DatabaseError";
}

/** PostgreSQL cannot be reached or refused the connection. */
export class DatabaseUnavailableError extends DatabaseError {
  override name = "DatabaseUnavailableError";
}

/** Another process (or this one) already has the embedded database directory open. */
export class DataDirectoryLockedError extends DatabaseError {
  override name = "DataDirectoryLockedError";
}

/** A migration failed; its transaction was rolled back, so the database is as it was before. */
export class MigrationFailedError extends DatabaseError {
  override name = "MigrationFailedError";
}

/** Describes a PostgreSQL connection failure without the password that the URL may carry. */
export function describeConnectionFailure(url: string, cause: unknown): string {
  const parsed = safeParseUrl(url);
  const where = parsed
    ? `${parsed.hostname}:${parsed.port || "5432"}/${decodeURIComponent(parsed.pathname.slice(1))}`
    : "the configured server";
  const code = (cause as { code?: string } | undefined)?.code;
  const reason =
    code === "ECONNREFUSED"
      ? "connection refused"
      : code === "ENOTFOUND" || code === "EAI_AGAIN"
        ? "host not found"
        : code === "3D000"
          ? "database does not exist"
          : code === "28P01" || code === "28000"
            ? "authentication failed"
            : (code ?? "no answer");
  return `Cannot connect to PostgreSQL at ${where} (${reason}). Is the server running and DATABASE_URL right?`;
}

function safeParseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

// Prisma's codes for a server it cannot reach, that timed out or closed the connection, and the
// driver adapters' kinds for the same; the rest are pg's and PostgreSQL's own (57P01–03: server
// shutting down or starting up).
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
const UNREACHABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "EPIPE",
  "3D000",
  "28P01",
  "28000",
  "57P01",
  "57P02",
  "57P03",
]);

/** What the driver adapter says went wrong ("UniqueConstraintViolation", …), when it says. */
export function driverAdapterErrorKind(error: unknown): string | undefined {
  const { meta } = error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  const kind = meta?.driverAdapterError?.cause?.kind;
  return typeof kind === "string" ? kind : undefined;
}

/** A taken unique value: P2002 from model queries, the adapter's kind from raw ones (P2010). */
export function isUniqueViolation(error: unknown): boolean {
  const { code } = error as { code?: unknown };
  return code === "P2002" || driverAdapterErrorKind(error) === "UniqueConstraintViolation";
}

/**
 * True when a query failed because the database cannot be reached at the moment (as opposed to
 * a bad query): the request can be answered "try again later", and the pool reconnects by itself.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (typeof current !== "object") return false;
    // node-postgres wraps multiple address failures (IPv4 + IPv6) in an AggregateError.
    if (current instanceof AggregateError) return current.errors.some(isDatabaseUnavailable);
    const { code, message, cause } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (
      typeof code === "string" &&
      (UNREACHABLE_PRISMA_CODES.has(code) || CONNECTION_ERROR_CODES.has(code))
    )
      return true;
    const kind = driverAdapterErrorKind(current);
    if (kind && UNREACHABLE_ADAPTER_KINDS.has(kind)) return true;
    // pg's own words when the server goes away under a query; it sets no code for these.
    if (typeof message === "string" && /Connection terminated|connection timeout/i.test(message))
      return true;
    current = cause;
  }
  return false;
}
