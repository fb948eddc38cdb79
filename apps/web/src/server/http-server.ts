// Phresh's HTTP server: a node:http server of our own, because only here is the socket visible.
// It hands the API to its handlers and pages to Next.js, gives every request an id (echoed in
// X-Request-Id) and the client's real address (for rate limits), sets the security headers,
// writes one structured log line per request, and on SIGTERM stops accepting, lets in-flight
// requests finish (up to 10 s), then closes the database cleanly.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { getRequestListener } from "@hono/node-server";
import {
  clientAddress,
  type Logger,
  type RequestContext,
  runShutdownHooks,
  runWithRequestContext,
  securityHeaders,
} from "@phresh/api/http";
import type { PhreshConfig } from "@phresh/config";
import { drain } from "./drain.ts";
import { startPagesInTurns } from "./page-turns.ts";
import { serverHolder, TRPC_ENDPOINT } from "./server-holder.ts";

export type PageHandler = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
) => Promise<void>;

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A caller's request id is kept when it is a sane token; otherwise a new one is made. */
function requestIdOf(request: http.IncomingMessage): string {
  const given = firstHeader(request.headers["x-request-id"]);
  return given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

/**
 * The API (REST contract and tRPC) straight from node:http to its fetch handlers, without
 * Next's routing and rendering pipeline, which costs more than the API itself (bench/RESULTS.md).
 * The server is open before this process listens (startup.ts).
 *
 * The adapter replaces the global Request and Response with its own (its default), which keep a
 * body as the string or bytes it was made of and write it to the socket as it is; Node's own turn
 * each body into a web stream that the adapter then reads back. GET cleaning, alternating runs
 * (bench/RESULTS.md, twelfth session): 0.53 -> 0.45 ms of the event loop per request on
 * PostgreSQL, 4-10% more requests a second on PGlite. Next.js renders pages in this process on
 * PGlite and then sees these globals too (a stand-in that makes Node's Response as soon as
 * anything beyond its status and headers is read); the browser tests, which run on PGlite,
 * cover its pages with them. The API's own HTTP tests serve it with them as well
 * (packages/api/src/testing.ts).
 */
const handleApi = getRequestListener(async (request) => {
  const phresh = await serverHolder.phreshServer;
  if (!phresh) throw new Error("the Phresh server is not open"); // startup.ts opened it
  return new URL(request.url).pathname.startsWith(TRPC_ENDPOINT)
    ? phresh.handleTrpc(request)
    : phresh.handleRest(request);
});

/**
 * Headers for a page, with a fresh script nonce. The policy also goes on the request: that is
 * where Next.js reads the nonce it stamps on its scripts.
 */
function pageHeaders(request: http.IncomingMessage, https: boolean): Record<string, string> {
  const headers = securityHeaders({ https, scriptNonce: randomBytes(16).toString("base64") });
  request.headers["content-security-policy"] = headers["Content-Security-Policy"];
  return headers;
}

/**
 * A server for the API and `handlePage`'s pages; `stop` (wired to SIGTERM and SIGINT) drains it
 * and closes the database, then ends the process with code 0.
 */
export function createPhreshHttpServer(options: {
  config: PhreshConfig;
  logger: Logger;
  handlePage: PageHandler;
}): http.Server {
  const { config, logger, handlePage } = options;
  const https = config.appUrl.startsWith("https:");
  const apiHeaders = securityHeaders({ https });
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const startPage = startPagesInTurns(handlePage, logger);

  const server = http.createServer((request, response) => {
    const started = performance.now();
    const context: RequestContext = {
      requestId: requestIdOf(request),
      peerAddress: request.socket.remoteAddress,
      clientAddress: clientAddress(
        request.socket.remoteAddress,
        firstHeader(request.headers["x-forwarded-for"]),
        config.trustedProxies,
      ),
    };
    const forApi = request.url?.startsWith("/api/") === true;
    response.setHeader("X-Request-Id", context.requestId);
    const headers = forApi ? apiHeaders : pageHeaders(request, https);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    inFlight += 1;
    response.once("close", () => {
      inFlight -= 1;
      logger.info(
        {
          requestId: context.requestId,
          method: request.method,
          // The path only: query strings can carry tokens (verification and reset links).
          route: (request.url ?? "").split("?")[0],
          status: response.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          userId: context.userId,
          client: context.clientAddress,
        },
        "request",
      );
      if (inFlight === 0) drained?.();
    });
    // Pages that arrive together start in turns of their own, so that new connections are
    // accepted in between (one-start-per-turn.ts). Not the API: its requests hold the event loop
    // for a fraction of a page's render, and spacing them out cost GET cleaning a fifth of its
    // throughput at 50 connections (bench/RESULTS.md).
    if (forApi) void runWithRequestContext(context, () => handleApi(request, response));
    else startPage(request, response, context);
  });
  server.keepAliveTimeout = 5_000;

  let stopping = false;
  async function stop(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight }, "stopping: no new connections, finishing requests");
    const finished =
      inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            drained = resolve;
          });
    await drain(server, finished);
    await runShutdownHooks();
    logger.info("stopped");
    process.exit(0);
  }
  // `on`, not `once`: Ctrl-C reaches this process twice, from the terminal and forwarded by pnpm,
  // and a second signal must not kill it halfway through (pnpm would then report a failure).
  // Stopping ends in exit code 0, bounded by the drain timeout.
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  return server;
}
