// How the CLI fails: its exit codes, and the server's error codes as sentences for people.
import { type ErrorCode, errorMessages } from "@phresh/api/schemas";

export const ExitCode = {
  ok: 0,
  /** The server refused the request (wrong password, not yours, not found, …), or another failure. */
  refused: 1,
  /** The command line (or an answer to a prompt) was wrong; nothing was sent. */
  usage: 2,
  /** No Phresh server answered at the URL. */
  unreachable: 3,
  /** Ctrl-C at a prompt, as shells report SIGINT. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure already put in words: printed as one line, then the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** The server's error code, when the server refused; part of the --json error line. */
    readonly errorCode?: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export function usageError(message: string): CliError {
  return new CliError(ExitCode.usage, message);
}

/**
 * Where the terminal words a code differently from the API's shared sentences (errorMessages,
 * also used by the web forms): it names its own commands, and people hold tokens, not links.
 */
const terminalSentences: Partial<Record<ErrorCode, string>> = {
  LOGIN_USER_NOT_VERIFIED:
    "Your e-mail address is not verified yet: run `phresh verify <token>` with the token from the mail we sent.",
  VERIFY_USER_BAD_TOKEN: "Cannot verify with this token.",
  RESET_PASSWORD_BAD_TOKEN: "Cannot reset the password with this token.",
  UNAUTHORIZED: "You are not logged in, or your session has ended: run `phresh login`.",
};

/** Any code of the API's vocabulary as a sentence for a person at a terminal. */
export function errorSentence(code: ErrorCode): string {
  return terminalSentences[code] ?? errorMessages[code];
}

export type FieldIssue = { path: readonly (string | number | symbol)[]; message: string };

/** The API's field names as the CLI's options (or arguments) that carry them. */
export type FieldLabels = Readonly<Record<string, string>>;

// Field names as a CLI user knows them: the API's cleaning_type is the --type option.
const fieldLabels: FieldLabels = {
  cleaning_type: "type",
  q: "query",
  min_price: "min-price",
  max_price: "max-price",
  overall_rating: "overall",
  full_name: "full-name",
  phone_number: "phone",
};

/**
 * "name: must be at least 4 characters; price: …": every issue, in one line. `labels` names the
 * fields a command calls otherwise (e.g. the feed's cursor is its --more option).
 */
export function describeIssues(issues: readonly FieldIssue[], labels: FieldLabels = {}): string {
  return issues
    .map((issue) => {
      // Nested paths (e.g. update's ["patch", "price"]) are named by their last field.
      const field = issue.path.filter((part) => typeof part !== "symbol").at(-1);
      const label =
        field === undefined
          ? undefined
          : (labels[String(field)] ?? fieldLabels[String(field)] ?? String(field));
      return label ? `${label}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

export type Refusal = {
  errorCode: ErrorCode | undefined;
  /** The server's extra sentence, e.g. which password rule was broken. */
  reason: string | undefined;
  issues: readonly FieldIssue[] | undefined;
  /** tRPC's own code and message, for refusals outside the vocabulary. */
  trpcCode: string;
  message: string;
};

export function describeRefusal(refusal: Refusal): string {
  const { errorCode, reason, issues } = refusal;
  if (errorCode === "VALIDATION_ERROR" && issues?.length) {
    return `${errorSentence("VALIDATION_ERROR")} ${describeIssues(issues)}`;
  }
  if (errorCode) {
    const sentence = errorSentence(errorCode);
    return reason ? `${sentence} ${/[.!?]$/.test(reason) ? reason : `${reason}.`}` : sentence;
  }
  return `The server refused the request (${refusal.trpcCode}: ${refusal.message}).`;
}
