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

function forward(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  context: RequestContext,
  link: PagesLink,
  agent: http.Agent,
): Promise<void> {
  return new Promise((resolve) => {
    const upstream = http.request(
      {
        socketPath: link.socketPath,
        agent,
        method: request.method,
        path: request.url,
        headers: forwardedHeaders(request, context, link.secret),
      },
      (pagesResponse) => {
        const headers = endToEndHeaders(pagesResponse.headers);
        const userId = headers[USER_HEADER];
        delete headers[USER_HEADER];
        if (typeof userId === "string") context.userId = userId;
        response.writeHead(pagesResponse.statusCode ?? 502, pagesResponse.statusMessage, headers);
        pipeline(pagesResponse, response).then(resolve, () => {
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
    if (hasBody(request)) pipeline(request, upstream).catch(() => upstream.destroy());
    else upstream.end();
  });
}

/**
 * Pages answered by the pages process at `link`; `whenPagesListen` resolves once one listens
 * (starting it when none runs).
 */
export function forwardPages(options: {
  link: PagesLink;
  whenPagesListen: () => Promise<void>;
  logger: Logger;
}): PageHandler {
  const { link, whenPagesListen, logger } = options;
  const agent = new http.Agent({ keepAlive: true });
  return async (request, response) => {
    try {
      await whenPagesListen();
    } catch (error) {
      logger.error({ err: error }, "no pages process");
      answerUnavailable(response);
      return;
    }
    if (response.destroyed) return; // the visitor left while it started
    const context = currentRequest();
    if (!context) throw new Error("a page request outside a request context");
    try {
      await forward(request, response, context, link, agent);
    } catch (error) {
      // node:http's client refuses some requests its server accepted (a path with a tab).
      logger.warn({ err: error }, "a page request could not be passed on");
      if (!response.headersSent) response.writeHead(400).end();
      else response.destroy();
    }
  };
}
