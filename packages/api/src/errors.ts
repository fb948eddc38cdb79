import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ErrorCode, errorTransport } from "./error-codes.ts";

/**
 * A refusal the caller can act on. Services throw it by code; how it travels (tRPC code, REST
 * status and body) comes from the one table in error-codes.ts.
 */
export class PhreshError extends TRPCError {
  constructor(
    readonly errorCode: ErrorCode,
    /** A sentence for people, e.g. which password rule was broken. */
    readonly reason?: string,
    /** For TOO_MANY_REQUESTS and SERVICE_UNAVAILABLE: when to try again (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super({ code: errorTransport[errorCode].trpc, message: errorCode });
  }
}

export function domainError(
  errorCode: ErrorCode,
  reason?: string,
  retryAfterSeconds?: number,
): PhreshError {
  return new PhreshError(errorCode, reason, retryAfterSeconds);
}

/** Over a limit until `msLeft` from now: Retry-After in whole seconds, at least one. */
export function tooManyRequests(msLeft: number): PhreshError {
  return domainError(ErrorCode.TOO_MANY_REQUESTS, undefined, Math.max(1, Math.ceil(msLeft / 1000)));
}

/**
 * A validation failure found by a procedure rather than by its input schema (e.g. the password
 * policy chosen at start-up). It travels exactly like a schema failure, so every entry point
 * reports it the same way.
 */
export function inputValidationError(field: string, message: string): TRPCError {
  // Made by a real parse: a hand-built ZodError is not an Error instance in zod 4, and tRPC
  // would then wrap it beyond recognition.
  const cause = z
    .object({ [field]: z.custom(() => false, { error: message }) })
    .safeParse({ [field]: undefined }).error;
  return new TRPCError({ code: "BAD_REQUEST", message, cause });
}
