// Refusals many routes share, named once for the route tables' `errors`.
import { ErrorCode } from "../error-codes.ts";

/** Routes for signed-in, verified users (REQUIRE_VERIFICATION). */
export const SIGNED_IN = [ErrorCode.UNAUTHORIZED, ErrorCode.USER_NOT_VERIFIED];

export const SUPERUSER = [...SIGNED_IN, ErrorCode.FORBIDDEN];

/** Routes that count attempts or check a password (SERVER_BUSY, any route's, is implied). */
export const LIMITED = [ErrorCode.TOO_MANY_REQUESTS];

/** What changing an account's name, e-mail or password can run into. */
export const ACCOUNT_CHANGES = [
  ErrorCode.UPDATE_USER_EMAIL_ALREADY_EXISTS,
  ErrorCode.UPDATE_USER_NAME_ALREADY_EXISTS,
  ErrorCode.UPDATE_USER_INVALID_PASSWORD,
];
