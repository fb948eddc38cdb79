// The tRPC client of one Phresh server, and how its failures become CliErrors. Every request and
// answer type comes from AppRouter (a type-only import: no server code is loaded), so a change
// to a procedure breaks this package's type-check instead of its users.
import type { AppRouter } from "@phresh/api";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { CliError, describeRefusal, ExitCode } from "./errors.ts";

const REQUEST_TIMEOUT_SECONDS = 30;

export function createPhreshClient(serverUrl: string, accessToken?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${serverUrl}/api/trpc`,
        headers: () => (accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
        fetch: (input, init) => fetchFromServer(serverUrl, input, init),
      }),
    ],
  });
}

export type PhreshClient = ReturnType<typeof createPhreshClient>;

/** Thrown from inside the link, so tRPC hands it back as the cause of its TRPCClientError. */
export class ServerUnreachableError extends Error {
  override name = "ServerUnreachableError";
}

// Node reports network failures as "fetch failed" with the system error as the cause.
const networkProblems: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};

function describeNetworkFailure(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") {
    return `no answer within ${REQUEST_TIMEOUT_SECONDS} s`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : undefined;
  if (code) return networkProblems[code] ?? code;
  // e.g. "bad port": fetch refuses some ports without trying them.
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

async function fetchFromServer(
  serverUrl: string,
  input: RequestInfo | URL | string,
  init: RequestInit | undefined,
): Promise<Response> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_SECONDS * 1000);
  let response: Response;
  try {
    response = await fetch(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
    });
  } catch (error) {
    throw new ServerUnreachableError(
      `Cannot reach the Phresh server at ${serverUrl} (${describeNetworkFailure(error)}).`,
    );
  }
  // Something answered, but not Phresh's tRPC endpoint (a wrong port, a proxy's error page):
  // without this check the user would read a JSON parse error.
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.includes("application/json")) {
    await response.body?.cancel();
    throw new ServerUnreachableError(
      `No Phresh server at ${serverUrl}: ${serverUrl}/api/trpc answered HTTP ${response.status}${contentType ? ` with ${contentType.split(";")[0]}` : ""}.`,
    );
  }
  return response;
}

/** Any failure of a command, as the one line to print and the exit code. */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (!(error instanceof TRPCClientError)) {
    // Not the server's doing, e.g. a config directory that is not writable: Node's message
    // (which names the file) says enough.
    return new CliError(ExitCode.refused, error instanceof Error ? error.message : String(error));
  }
  // instanceof cannot know the router; the error data is shaped by AppRouter's error formatter.
  const failure = error as TRPCClientError<AppRouter>;
  if (failure.cause instanceof ServerUnreachableError) {
    return new CliError(ExitCode.unreachable, failure.cause.message);
  }
  const data = failure.data;
  if (!data) {
    return new CliError(ExitCode.refused, `Unexpected answer from the server: ${failure.message}`);
  }
  const message = describeRefusal({
    errorCode: data.errorCode,
    reason: data.reason,
    issues: data.issues,
    trpcCode: data.code,
    message: failure.message,
  });
  return new CliError(ExitCode.refused, message, data.errorCode ?? data.code);
}

/** True when the server said the token is not (or no longer) good: 401 UNAUTHORIZED. */
export function isUnauthorized(error: unknown): boolean {
  return (
    error instanceof TRPCClientError &&
    (error as TRPCClientError<AppRouter>).data?.code === "UNAUTHORIZED"
  );
}
