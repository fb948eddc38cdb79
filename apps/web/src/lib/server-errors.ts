// Reads what the server said out of a tRPC client error: the error code as a sentence, the
// reason, and field-level validation messages, so forms can put each on the right field.
import { errorMessages, isErrorCode } from "@phresh/api/schemas";
import { TRPCClientError } from "@trpc/client";

export type ServerError = {
  code: string | undefined;
  message: string;
  reason: string | undefined;
  fields: Record<string, string>;
};

type ErrorData = {
  errorCode?: string;
  reason?: string;
  issues?: { path: string[]; message: string }[];
};

export function readServerError(error: unknown): ServerError {
  const data = (error instanceof TRPCClientError ? error.data : undefined) as ErrorData | undefined;
  const code = data?.errorCode;
  const fields: Record<string, string> = {};
  for (const issue of data?.issues ?? []) {
    const field = issue.path.at(-1);
    if (field && !fields[field]) fields[field] = issue.message;
  }
  const message = isErrorCode(code)
    ? errorMessages[code]
    : error instanceof TRPCClientError
      ? "The server could not be reached, or it failed. Please try again."
      : "Something went wrong. Please try again.";
  return { code, message, reason: data?.reason, fields };
}
