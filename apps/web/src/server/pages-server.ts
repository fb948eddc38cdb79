// The pages process (pages-process.ts started it): Next.js behind a Unix socket that its serving
// process reaches. It opens the API's services too (a page's server components read the
// database) and serves each request in the context the serving process found for it, refusing
// any request whose context is not signed with the secret they share (pages-link.ts). It stops on
// SIGTERM or SIGINT (its pages finish first, then the database closes) and when its serving
// process is gone.
import { timingSafeEqual } from "node:crypto";
import { rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { type Logger, type RequestContext, runShutdownHooks } from "@phresh/api/http";
import type { PhreshConfig } from "@phresh/config";
import { z } from "zod";
import { drain } from "./drain.ts";
import { startPagesInTurns } from "./page-turns.ts";
import { type NextOptions, startNext } from "./pages.ts";
import {
  CONTEXT_HEADER,
  pagesLinkFromEnvironment,
  SOCKET_DIRECTORY_PREFIX,
  USER_HEADER,
} from "./pages-link.ts";
import { startServer } from "./startup.ts";

/** The header's JSON (pages-link.ts's ForwardedContext; JSON drops unknown addresses). */
const forwardedContext = z.object({
  secret: z.string(),
  requestId: z.string(),
  peerAddress: z.string().optional(),
  clientAddress: z.string().optional(),
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The context the serving process sent, taken off the request, or undefined when the request
 * does not carry one signed with `secret`.
 */
function takeContext(request: http.IncomingMessage, secret: string): RequestContext | undefined {
  const header = request.headers[CONTEXT_HEADER];
  delete request.headers[CONTEXT_HEADER];
  if (typeof header !== "string") return undefined;
  let parsed: z.infer<typeof forwardedContext>;
  try {
    parsed = forwardedContext.parse(JSON.parse(header));
  } catch {
    return undefined;
  }
  if (!sameSecret(parsed.secret, secret)) return undefined;
  const { requestId, peerAddress, clientAddress } = parsed;
  return { requestId, peerAddress, clientAddress };
}

/** The user a page was rendered for goes back with its head, for the serving process's log line. */
function reportUser(response: http.ServerResponse, context: RequestContext): void {
  const writeHead = response.writeHead as (
    this: http.ServerResponse,
    ...args: unknown[]
  ) => http.ServerResponse;
  response.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    if (context.userId && !this.headersSent) this.setHeader(USER_HEADER, context.userId);
    return writeHead.apply(this, args);
  } as typeof response.writeHead;
}

/** The private directory PagesProcess made for `socketPath`, and nothing else. */
function removeSocketDirectory(socketPath: string): void {
  const directory = path.dirname(socketPath);
  if (path.basename(directory).startsWith(SOCKET_DIRECTORY_PREFIX))
    rmSync(directory, { recursive: true, force: true });
}

export async function servePages(
  config: PhreshConfig,
  logger: Logger,
  next: Pick<NextOptions, "dir">,
): Promise<void> {
  const link = pagesLinkFromEnvironment();
  let server: http.Server | undefined;
  let stopping = false;
  async function stop(reason: string, keeperGone = false): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "pages process stopping");
    if (server?.listening) {
      const closed = new Promise<void>((resolve) => server?.once("close", () => resolve()));
      await drain(server, closed);
    }
    await runShutdownHooks();
    // Its keeper removes the socket's directory when it stops it; one that was killed cannot.
    if (keeperGone) removeSocketDirectory(link.socketPath);
    process.exit(0);
  }
  // First of all: a serving process that dies while this one starts must not leave it behind.
  process.on("disconnect", () => void stop("its serving process is gone", true));
  // Ctrl-C reaches this process as well as its serving process (one process group).
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  // Opening reaches no server (a pages process never migrates: services.ts), so pages started
  // during a database outage answer 503 like any other (outage-page.ts).
  await startServer({ announce: false });
  const { hostname, port } = config.listen;
  const handlePage = await startNext({ ...next, hostname, port });

  // Pages start one per event-loop turn here too (one-start-per-turn.ts): a connection from the
  // serving process is accepted only between turns, and without this a render burst held new
  // ones back. Measured: login page at 50 connections, p99.9 0.85-1.9 s (every slow request on
  // a new connection, its response the whole delay), 0.26-0.49 s with it.
  const startPage = startPagesInTurns(handlePage, logger);
  server = http.createServer((request, response) => {
    const context = takeContext(request, link.secret);
    if (!context) {
      response.writeHead(400).end();
      return;
    }
    reportUser(response, context);
    startPage(request, response, context);
  });
  // Next.js keeps the process alive after an uncaught error: one that cannot listen must exit,
  // or its serving process would wait for it forever.
  server.once("error", (error) => {
    logger.error({ err: error }, "the pages process cannot listen");
    process.exit(1);
  });
  server.listen(link.socketPath, () => {
    if (!process.connected) void stop("its serving process is gone");
    else process.send?.("listening");
  });
}
