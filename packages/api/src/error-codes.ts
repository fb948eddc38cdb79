// Phresh's one error vocabulary. Procedures throw these codes as the TRPCError message; the
// REST adapter returns them as `{"detail": CODE}`, and the web app and CLI turn them into
// sentences. The account codes keep their legacy fastapi-users names.

export const ErrorCode = {
  // Accounts (fastapi-users' names)
  REGISTER_USER_ALREADY_EXISTS: "REGISTER_USER_ALREADY_EXISTS",
  REGISTER_NAME_ALREADY_EXISTS: "REGISTER_NAME_ALREADY_EXISTS",
  LOGIN_BAD_CREDENTIALS: "LOGIN_BAD_CREDENTIALS",
  LOGIN_USER_NOT_VERIFIED: "LOGIN_USER_NOT_VERIFIED",
  VERIFY_USER_BAD_TOKEN: "VERIFY_USER_BAD_TOKEN",
  VERIFY_USER_ALREADY_VERIFIED: "VERIFY_USER_ALREADY_VERIFIED",
  RESET_PASSWORD_BAD_TOKEN: "RESET_PASSWORD_BAD_TOKEN",
  RESET_PASSWORD_INVALID_PASSWORD: "RESET_PASSWORD_INVALID_PASSWORD",
  UPDATE_USER_EMAIL_ALREADY_EXISTS: "UPDATE_USER_EMAIL_ALREADY_EXISTS",
  UPDATE_USER_NAME_ALREADY_EXISTS: "UPDATE_USER_NAME_ALREADY_EXISTS",
  UPDATE_USER_BAD_CURRENT_PASSWORD: "UPDATE_USER_BAD_CURRENT_PASSWORD",
  UPDATE_USER_INVALID_PASSWORD: "UPDATE_USER_INVALID_PASSWORD",
  UNAUTHORIZED: "UNAUTHORIZED",
  /** A state-changing request from another origin tried to use the session cookie (CSRF). */
  CROSS_ORIGIN_REQUEST: "CROSS_ORIGIN_REQUEST",
  FORBIDDEN: "FORBIDDEN",
  USER_NOT_FOUND: "USER_NOT_FOUND",
  // Cleanings
  CLEANING_NOT_FOUND: "CLEANING_NOT_FOUND",
  CLEANING_NOT_OWNER: "CLEANING_NOT_OWNER",
  // Development mailbox
  DEV_MAILBOX_DISABLED: "DEV_MAILBOX_DISABLED",
  // Brute-force limits
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  // Any procedure
  VALIDATION_ERROR: "VALIDATION_ERROR",
  /** The database cannot be reached right now; the same request may succeed in a moment. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  // Transport refusals (the REST adapter; REQUEST_TOO_LARGE from the tRPC endpoint too)
  REQUEST_TOO_LARGE: "REQUEST_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ErrorCode, value);
}
