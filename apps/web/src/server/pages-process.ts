// On PostgreSQL, pages are rendered by a process of their own, started on the first page a
// serving process is asked for, and the serving process passes page requests to it over a Unix
// socket. Loading Next.js changes the process it runs in for good: it wraps Date, Math.random,
// crypto, setImmediate and process.nextTick process-wide, and every API request then cost about
// a fifth more (jobs search after a page 346-359 req/s against 433-451 before one; figures in
// bench/RESULTS.md). On the embedded database pages stay in the one process (pages.ts): PGlite
// allows one process per data directory, and a page's server components read the database.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { currentRequest, type Logger, onShutdown } from "@phresh/api/http";
import type { PageHandler } from "./http-server.ts";
import { endToEndHeaders, headersWithContext, PAGES_SOCKET_VARIABLE } from "./pages-link.ts";
import { forkServerProcess } from "./server-role.ts";

/** How long the pages process gets to finish its pages and close its database on shutdown. */
const STOP_TIMEOUT_MS = 12_000;

function answerUnavailable(response: http.ServerResponse): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = "The page could not be rendered just now. Please try again in a moment.\n";
  response.writeHead(502, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Retry-After": "1",
    "Cache-Control": "no-store",
  });
  response.end(body);
}

/** Passes one page request to the pages process and its answer back, both streamed. */
function forward(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  socketPath: string,
  agent: http.Agent,
): Promise<void> {
  const context = currentRequest();
  if (!context) throw new Error("a page request outside a request context");
  return new Promise((resolve) => {
    const upstream = http.request(
      {
        socketPath,
        agent,
        method: request.method,
        path: request.url,
        headers: headersWithContext(request, context),
      },
      (answer) => {
        // Merged with the headers this server set already (request id, security headers).
        response.writeHead(
          answer.statusCode ?? 502,
          answer.statusMessage,
          endToEndHeaders(answer.headers),
        );
        pipeline(answer, response).then(resolve, () => {
          response.destroy();
          resolve();
        });
      },
    );
    upstream.on("error", () => {
      answerUnavailable(response);
      resolve();
    });
    // A visitor who leaves stops the render too.
    response.once("close", () => {
      if (!response.writableFinished) upstream.destroy();
    });
    pipeline(request, upstream).catch(() => upstream.destroy());
  });
}

/** Pages rendered by a child process, started on the first page and again after it stopped. */
export function pagesInChildProcess(logger: Logger): PageHandler {
  const directory = mkdtempSync(path.join(os.tmpdir(), "phresh-pages-"));
  const socketPath = path.join(directory, "pages.sock");
  const agent = new http.Agent({ keepAlive: true });
  let starting: Promise<ChildProcess> | undefined;
  let current: ChildProcess | undefined;

  function start(): Promise<ChildProcess> {
    // Left behind by a pages process that was killed.
    rmSync(socketPath, { force: true });
    const child = forkServerProcess("pages", { [PAGES_SOCKET_VARIABLE]: socketPath });
    current = child;
    logger.info({ pagesPid: child.pid }, "starting the pages process");
    return new Promise((resolve, reject) => {
      child.once("message", () => resolve(child)); // its one message: it listens
      child.once("exit", (code, signal) => {
        if (current === child) current = undefined;
        starting = undefined; // the next page starts another
        reject(new Error(`the pages process stopped (code ${code}, signal ${signal})`));
        logger.warn({ pagesPid: child.pid, code, signal }, "the pages process stopped");
      });
    });
  }

  onShutdown(async () => {
    const child = current;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS))]);
    }
    agent.destroy();
    rmSync(directory, { recursive: true, force: true });
  });

  return async (request, response) => {
    starting ??= start();
    try {
      await starting;
    } catch (error) {
      logger.error({ err: error }, "the pages process could not start");
      answerUnavailable(response);
      return;
    }
    await forward(request, response, socketPath, agent);
  };
}
