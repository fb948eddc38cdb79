// Telling a failure caused by a database that cannot be reached (try again shortly: 503) from any
// other (500), wherever it surfaces: as the driver's error, or as a procedure's
// SERVICE_UNAVAILABLE refusal (trpc.ts), which server-side callers in pages rethrow.
import { isDatabaseUnavailable } from "@phresh/db/errors";
import { ErrorCode } from "../error-codes.ts";
import { currentRequest } from "./request-context.ts";

export function isDatabaseOutage(error: unknown): boolean {
  // By code, not instanceof: Next bundles pages and its error hook separately.
  const { errorCode } = (error ?? {}) as { errorCode?: unknown };
  return errorCode === ErrorCode.SERVICE_UNAVAILABLE || isDatabaseUnavailable(error);
}

/**
 * Marks the request being handled when `error` is an outage, so that the server answers 503
 * instead of the 500 that Next.js would send for a page (apps/web: instrumentation.ts's
 * onRequestError calls this, server.ts reads the mark).
 */
export function noteDatabaseOutage(error: unknown): void {
  const request = currentRequest();
  if (request && isDatabaseOutage(error)) request.databaseUnavailable = true;
}
