// A serving process's pages, passed to the pages process (pages-process.ts) and its answers
// passed back, both streamed, with the headers this process already set (request id, security
// headers) under the pages process's own.
import http from "node:http";
import { pipeline } from "node:stream/promises";
import { currentRequest, type Logger, type RequestContext } from "@phresh/api/http";
import type { PageHandler } from "./http-server.ts";
import {
  endToEndHeaders,
  forwardedHeaders,
  hasBody,
  type PagesLink,
  USER_HEADER,
} from "./pages-link.ts";

/** When no pages process can answer: a short plain answer, to be tried again in a moment. */
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

/**
 * Whether the pages process answered (or the visitor left): "unreachable" when it could not be
 * reached, or failed before answering, so that nothing was sent to the visitor.
 */
type Forwarded = "answered" | "unreachable";

function forward(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  context: RequestContext,
  link: PagesLink,
  agent: http.Agent,
): Promise<Forwarded> {
  return new Promise((resolve) => {
    let answered = false;
    let visitorLeft = false;
    const upstream = http.request(
      {
        socketPath: link.socketPath,
        agent,
        method: request.method,
        path: request.url,
        headers: forwardedHeaders(request, context, link.secret),
      },
      (pagesResponse) => {
        answered = true;
        const headers = endToEndHeaders(pagesResponse.headers);
        const userId = headers[USER_HEADER];
        delete headers[USER_HEADER];
        if (typeof userId === "string") context.userId = userId;
        response.writeHead(pagesResponse.statusCode ?? 502, pagesResponse.statusMessage, headers);
        pipeline(pagesResponse, response).then(
          () => resolve("answered"),
          () => {
            response.destroy();
            resolve("answered");
          },
        );
      },
    );
    // After an answer began, its pipeline above ends the request.
    upstream.on("error", () => {
      if (!answered) resolve(visitorLeft ? "answered" : "unreachable");
    });
    // A visitor who leaves stops the render too.
    response.once("close", () => {
      if (response.writableFinished) return;
      visitorLeft = true;
      upstream.destroy();
    });
    if (hasBody(request)) pipeline(request, upstream).catch(() => upstream.destroy());
    else upstream.end();
  });
}

/** What forwarding needs of the pages process, wherever it is kept (pages-process.ts). */
export type PagesKeeper = {
  /** Resolves once a pages process listens, starting one when none runs. */
  whenListening(): Promise<void>;
  /**
   * Resolves once the pages process last known to listen has stopped, or after a bound: it may
   * be alive, and only a connection to it failed.
   */
  whenGone(): Promise<void>;
};

/**
 * A page without a body, by GET or HEAD, is asked for again when the pages process could not be
 * reached: once at once (it may have closed a kept-alive connection just as it was reused), then
 * once after it is known to have stopped (it died: the next one starts). Nothing was sent to the
 * visitor yet, and such a request changes nothing, so the visitor gets the page instead of a 502.
 */
function attemptsFor(request: http.IncomingMessage): number {
  return (request.method === "GET" || request.method === "HEAD") && !hasBody(request) ? 3 : 1;
}

/** Pages answered by the pages process at `link`, kept (started, restarted) by `pages`. */
export function forwardPages(options: {
  link: PagesLink;
  pages: PagesKeeper;
  logger: Logger;
}): PageHandler {
  const { link, pages, logger } = options;
  const agent = new http.Agent({ keepAlive: true });
  return async (request, response) => {
    const context = currentRequest();
    if (!context) throw new Error("a page request outside a request context");
    const attempts = attemptsFor(request);
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (attempt > 1) logger.info({ attempt }, "the pages process could not be reached; again");
      if (attempt === 3) await pages.whenGone();
      try {
        await pages.whenListening();
      } catch (error) {
        logger.error({ err: error }, "no pages process");
        answerUnavailable(response);
        return;
      }
      if (response.destroyed) return; // the visitor left while it started
      let forwarded: Forwarded;
      try {
        forwarded = await forward(request, response, context, link, agent);
      } catch (error) {
        // node:http's client refuses some requests its server accepted (a path with a tab).
        logger.warn({ err: error }, "a page request could not be passed on");
        if (!response.headersSent) response.writeHead(400).end();
        else response.destroy();
        return;
      }
      if (forwarded === "answered") return;
    }
    answerUnavailable(response);
  };
}
