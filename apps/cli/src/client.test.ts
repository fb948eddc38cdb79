// The client's transport against stand-in HTTP servers; the real server is exercised by
// main.test.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPhreshClient, toCliError } from "./client.ts";
import { type CliError, ExitCode } from "./errors.ts";

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> {
  server = createServer(handle);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port that was free a moment ago, so nothing answers there. */
async function closedPortUrl(): Promise<string> {
  const url = await serve(() => {});
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  return url;
}

async function failureOf(call: Promise<unknown>): Promise<CliError> {
  return call.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => toCliError(error),
  );
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

describe("the Phresh client", () => {
  it("calls <url>/api/trpc/<procedure> with the token as a Bearer header", async () => {
    const seen: { url?: string; authorization?: string } = {};
    const url = await serve((request, response) => {
      seen.url = request.url;
      seen.authorization = request.headers.authorization;
      json(response, 200, { result: { data: [] } });
    });
    expect(await createPhreshClient(url, "token-123").cleanings.list.query()).toEqual([]);
    expect(seen).toEqual({
      url: "/api/trpc/cleanings.list",
      authorization: "Bearer token-123",
    });
  });

  it("sends no Authorization header without a token", async () => {
    let authorization: string | undefined = "unset";
    const url = await serve((request, response) => {
      authorization = request.headers.authorization;
      json(response, 200, { result: { data: null } });
    });
    await createPhreshClient(url).auth.forgotPassword.mutate({ email: "ann@example.com" });
    expect(authorization).toBeUndefined();
  });

  it("reports a server that is down with exit 3 and the URL it tried", async () => {
    const url = await closedPortUrl();
    const failure = await failureOf(createPhreshClient(url).users.me.query());
    expect(failure.exitCode).toBe(ExitCode.unreachable);
    expect(failure.message).toBe(`Cannot reach the Phresh server at ${url} (connection refused).`);
  });

  it("reports something that is not Phresh (an HTML page) with exit 3, not a JSON parse error", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(404, { "Content-Type": "text/html" });
      response.end("<h1>Not found</h1>");
    });
    const failure = await failureOf(createPhreshClient(url).users.me.query());
    expect(failure.exitCode).toBe(ExitCode.unreachable);
    expect(failure.message).toBe(
      `No Phresh server at ${url}: ${url}/api/trpc answered HTTP 404 with text/html.`,
    );
  });

  it("turns a refusal into exit 1 with the code explained", async () => {
    const url = await serve((_request, response) =>
      json(response, 400, {
        error: {
          message: "LOGIN_BAD_CREDENTIALS",
          code: -32600,
          data: { code: "BAD_REQUEST", httpStatus: 400, errorCode: "LOGIN_BAD_CREDENTIALS" },
        },
      }),
    );
    const failure = await failureOf(
      createPhreshClient(url).auth.login.mutate({ email: "a@example.com", password: "x" }),
    );
    expect(failure).toMatchObject({
      exitCode: ExitCode.refused,
      message: "Wrong e-mail address or password.",
      errorCode: "LOGIN_BAD_CREDENTIALS",
    });
  });
});
