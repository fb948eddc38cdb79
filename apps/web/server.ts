// Phresh's production server (`pnpm start`): a node:http server of our own, because only here
// is the socket visible, handing the API to its handlers and pages to Next.js. It gives every request an id (echoed in
// X-Request-Id) and the client's real address (for rate limits), sets the security headers,
// writes one structured log line per request, and on SIGTERM stops accepting, lets in-flight
// requests finish (up to 10 s), then closes the database cleanly.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getRequestListener } from "@hono/node-server";
import {
  clientAddress,
  createLogger,
  type RequestContext,
  runShutdownHooks,
  runWithRequestContext,
  securityHeaders,
} from "@phresh/api/http";
import { loadConfig } from "@phresh/config";
import { createEmbeddedDirectory } from "@phresh/db";
import next from "next";
import { answerOutagesWith503 } from "./src/server/outage-page.ts";
import { serverHolder, TRPC_ENDPOINT, whenPhreshServerOpens } from "./src/server/server-holder.ts";
import { exitOnStartupFailure } from "./src/server/startup-failure.ts";

const DRAIN_TIMEOUT_MS = 10_000;

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
 * The instrumentation hook opens the Phresh server, and this server listens only once it has
 * (`whenPhreshServerOpens`). (Under `next dev`, without this file, the route handlers in
 * src/app/api serve the same handlers.)
 */
const handleApi = getRequestListener(
  async (request) => {
    const phresh = await serverHolder.phreshServer;
    if (!phresh) throw new Error("the Phresh server is not open"); // prepare() opened it
    return new URL(request.url).pathname.startsWith(TRPC_ENDPOINT)
      ? phresh.handleTrpc(request)
      : phresh.handleRest(request);
  },
  // Next.js shares this process: leave the global Request and Response alone.
  { overrideGlobalObjects: false },
);

/**
 * Headers for a page, with a fresh script nonce. The policy also goes on the request: that is
 * where Next.js reads the nonce it stamps on its scripts.
 */
function pageHeaders(request: http.IncomingMessage, https: boolean): Record<string, string> {
  const headers = securityHeaders({ https, scriptNonce: randomBytes(16).toString("base64") });
  request.headers["content-security-policy"] = headers["Content-Security-Policy"];
  return headers;
}

/** The address to open in a browser: localhost when listening on every interface. */
function browsableUrl(hostname: string, port: number): string {
  if (hostname === "0.0.0.0" || hostname === "::") return `http://localhost:${port}`;
  return `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
    // Before Next opens the database (instrumentation, during prepare): see embedded-initdb.ts.
    // Here rather than in openDatabase, because under Next's bundler the worker's file is not
    // beside the bundled code.
    if (config.database.kind === "pglite")
      await createEmbeddedDirectory(config.database.dataDirectory);
  } catch (error) {
    exitOnStartupFailure(error);
  }
  const logger = createLogger(config.logLevel);
  const { port, hostname } = config.listen;
  const app = next({
    dev: false,
    dir: path.dirname(fileURLToPath(import.meta.url)),
    hostname,
    port,
  });
  const handle = app.getRequestHandler();
  await app.prepare();
  await whenPhreshServerOpens();

  const https = config.appUrl.startsWith("https:");
  const apiHeaders = securityHeaders({ https });
  let inFlight = 0;
  let drained: (() => void) | undefined;

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
    // Pages that fail because the database is away answer 503, as the API does.
    if (!forApi) answerOutagesWith503(response, context, ["X-Request-Id", ...Object.keys(headers)]);
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
    void runWithRequestContext(context, () =>
      forApi ? handleApi(request, response) : handle(request, response),
    );
  });
  server.keepAliveTimeout = 5_000;

  let stopping = false;
  async function stop(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight }, "stopping: no new connections, finishing requests");
    server.close();
    server.closeIdleConnections();
    if (inFlight > 0) {
      await Promise.race([
        new Promise<void>((resolve) => {
          drained = resolve;
        }),
        new Promise<void>((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref()),
      ]);
    }
    server.closeAllConnections();
    await runShutdownHooks();
    logger.info("stopped");
    process.exit(0);
  }
  // `on`, not `once`: Ctrl-C reaches this process twice, from the terminal and forwarded by pnpm,
  // and a second signal must not kill it halfway through (pnpm would then report a failure).
  // Stopping ends in exit code 0, bounded by the drain timeout.
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  server.listen(port, hostname, () => {
    logger.info({ url: `http://${hostname}:${port}` }, "Phresh is listening");
    // For people: the one line to open, printed when requests are really served.
    console.log(`Phresh is ready: ${browsableUrl(hostname, port)}`);
  });
}

void main();
