// Start-up failures of the database layer. Each message is one readable line saying what is
// wrong and what to do; callers print `error.message` and exit, never a stack trace.

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
