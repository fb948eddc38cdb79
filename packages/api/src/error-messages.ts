// Each error code as a sentence for people, shared by the web forms and the CLI. Browser-safe.
import type { ErrorCode } from "./error-codes.ts";

export const errorMessages: Record<ErrorCode, string> = {
  REGISTER_USER_ALREADY_EXISTS: "An account with this e-mail address already exists.",
  REGISTER_NAME_ALREADY_EXISTS: "This name is taken; choose another.",
  LOGIN_BAD_CREDENTIALS: "Wrong e-mail address or password.",
  LOGIN_USER_NOT_VERIFIED: "Your e-mail address is not verified yet: open the link we mailed you.",
  VERIFY_USER_BAD_TOKEN: "This verification link is not valid.",
  VERIFY_USER_ALREADY_VERIFIED: "Your e-mail address is already verified.",
  RESET_PASSWORD_BAD_TOKEN: "This password-reset link is not valid.",
  RESET_PASSWORD_INVALID_PASSWORD: "The new password does not meet the password rules.",
  UPDATE_USER_EMAIL_ALREADY_EXISTS: "Another account already uses this e-mail address.",
  UPDATE_USER_NAME_ALREADY_EXISTS: "This name is taken; choose another.",
  UPDATE_USER_BAD_CURRENT_PASSWORD: "Your current password is not right.",
  UPDATE_USER_INVALID_PASSWORD: "The new password does not meet the password rules.",
  UNAUTHORIZED: "You are not logged in, or your session has ended.",
  CROSS_ORIGIN_REQUEST: "This request came from another site and was refused.",
  FORBIDDEN: "You are not allowed to do this.",
  USER_NOT_FOUND: "There is no such user.",
  CLEANING_NOT_FOUND: "There is no such cleaning.",
  CLEANING_NOT_OWNER: "Only the owner of this cleaning may change it.",
  DEV_MAILBOX_DISABLED: "The development mailbox is off on this server.",
  TOO_MANY_REQUESTS: "Too many attempts. Please wait a while and try again.",
  VALIDATION_ERROR: "Some fields are not valid.",
  SERVICE_UNAVAILABLE: "The service is briefly unavailable. Please try again in a moment.",
  INTERNAL_SERVER_ERROR: "Something went wrong on the server. Please try again.",
  REQUEST_TOO_LARGE: "The request is too large.",
  UNSUPPORTED_MEDIA_TYPE: "The request is not in a format the server accepts.",
};

/** Why a mailed link did not work, as reported in the error's `reason`. */
export const accountLinkProblems = {
  expired: "The link is expired.",
  used: "The link was already used.",
  unknown: "The link is not valid.",
} as const;
