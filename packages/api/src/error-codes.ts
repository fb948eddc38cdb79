// Phresh's one error vocabulary, and the one table that says how each code travels. Services
// throw a code (`domainError(ErrorCode.CLEANING_NOT_FOUND)`) and never choose a status; tRPC
// answers with the code's `trpc` error code, the REST adapter with that code's HTTP status and
// `{"detail": CODE}` (or `{"detail": {"code", "reason"}}` where `detail` says so, as
// fastapi-users did). The web app and CLI turn codes into sentences (error-messages.ts).
// The account codes keep their legacy fastapi-users names. Browser-safe: types only from tRPC.
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

type Transport = {
  /** The tRPC error code; its HTTP status is the REST status too. */
  trpc: TRPC_ERROR_CODE_KEY;
  /** REST body: the bare code (default) or fastapi-users' `{code, reason}`. */
  detail?: "code" | "codeAndReason";
};

const transports = {
  // Accounts (fastapi-users' names)
  REGISTER_USER_ALREADY_EXISTS: { trpc: "BAD_REQUEST" },
  REGISTER_NAME_ALREADY_EXISTS: { trpc: "BAD_REQUEST" },
  LOGIN_BAD_CREDENTIALS: { trpc: "BAD_REQUEST" },
  LOGIN_USER_NOT_VERIFIED: { trpc: "BAD_REQUEST" },
  VERIFY_USER_BAD_TOKEN: { trpc: "BAD_REQUEST" },
  VERIFY_USER_ALREADY_VERIFIED: { trpc: "BAD_REQUEST" },
  RESET_PASSWORD_BAD_TOKEN: { trpc: "BAD_REQUEST" },
  RESET_PASSWORD_INVALID_PASSWORD: { trpc: "BAD_REQUEST", detail: "codeAndReason" },
  UPDATE_USER_EMAIL_ALREADY_EXISTS: { trpc: "BAD_REQUEST" },
  UPDATE_USER_NAME_ALREADY_EXISTS: { trpc: "BAD_REQUEST" },
  UPDATE_USER_BAD_CURRENT_PASSWORD: { trpc: "BAD_REQUEST" },
  UPDATE_USER_INVALID_PASSWORD: { trpc: "BAD_REQUEST", detail: "codeAndReason" },
  UNAUTHORIZED: { trpc: "UNAUTHORIZED" },
  /** A state-changing request from another origin tried to use the session cookie (CSRF). */
  CROSS_ORIGIN_REQUEST: { trpc: "FORBIDDEN" },
  FORBIDDEN: { trpc: "FORBIDDEN" },
  /** With REQUIRE_VERIFICATION: an unverified account may only manage itself and verify. */
  USER_NOT_VERIFIED: { trpc: "FORBIDDEN" },
  USER_NOT_FOUND: { trpc: "NOT_FOUND" },
  // Cleanings
  CLEANING_NOT_FOUND: { trpc: "NOT_FOUND" },
  CLEANING_NOT_OWNER: { trpc: "FORBIDDEN" },
  /** Price and type are fixed while an offer is accepted. */
  CLEANING_ASSIGNED: { trpc: "BAD_REQUEST" },
  /**
   * The cleaning takes no new offers: its offer is completed, or it has no owner to accept one
   * (none, or a deactivated account).
   */
  CLEANING_NOT_OPEN: { trpc: "BAD_REQUEST" },
  CLEANING_ALREADY_ASSIGNED: { trpc: "BAD_REQUEST" },
  // Profiles
  PROFILE_NOT_FOUND: { trpc: "NOT_FOUND" },
  // Offers (the marketplace contract's names)
  OFFER_OWN_CLEANING: { trpc: "BAD_REQUEST" },
  OFFER_ALREADY_EXISTS: { trpc: "BAD_REQUEST" },
  OFFERS_NOT_OWNER: { trpc: "FORBIDDEN" },
  OFFER_NOT_FOUND: { trpc: "NOT_FOUND" },
  OFFER_FORBIDDEN: { trpc: "FORBIDDEN" },
  OFFER_ACCEPT_NOT_OWNER: { trpc: "FORBIDDEN" },
  OFFER_NOT_PENDING: { trpc: "BAD_REQUEST" },
  OFFER_NOT_ACCEPTED: { trpc: "BAD_REQUEST" },
  // Evaluations
  EVALUATION_NOT_OWNER: { trpc: "FORBIDDEN" },
  EVALUATION_NOT_FOUND: { trpc: "NOT_FOUND" },
  // Development mailbox
  DEV_MAILBOX_DISABLED: { trpc: "NOT_FOUND" },
  // Brute-force limits
  TOO_MANY_REQUESTS: { trpc: "TOO_MANY_REQUESTS" },
  // Any procedure
  VALIDATION_ERROR: { trpc: "BAD_REQUEST" },
  /** The database cannot be reached right now; the same request may succeed in a moment. */
  SERVICE_UNAVAILABLE: { trpc: "SERVICE_UNAVAILABLE", detail: "codeAndReason" },
  /** Too much password hashing queued: the same request may succeed in a moment. */
  SERVER_BUSY: { trpc: "SERVICE_UNAVAILABLE", detail: "codeAndReason" },
  INTERNAL_SERVER_ERROR: { trpc: "INTERNAL_SERVER_ERROR" },
  // Transport refusals (the REST adapter; REQUEST_TOO_LARGE from the tRPC endpoint too)
  REQUEST_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE" },
  /** A tRPC batch with more calls than allowed, refused before any of them runs. */
  BATCH_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE" },
  UNSUPPORTED_MEDIA_TYPE: { trpc: "UNSUPPORTED_MEDIA_TYPE" },
} as const satisfies Record<string, Transport>;

export type ErrorCode = keyof typeof transports;
export const errorTransport: Readonly<Record<ErrorCode, Transport>> = transports;

export const ErrorCode = Object.fromEntries(
  Object.keys(transports).map((code) => [code, code]),
) as { readonly [Code in ErrorCode]: Code };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorTransport, value);
}
