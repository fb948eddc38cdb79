// A serving process's pages, passed to the pages process (pages-process.ts) and its answers
// passed back, both streamed, with the headers this process already set (request id, security
// headers) under the pages process's own.
import http from "node:http";
import { pipeline } from "node:stream/promises";
import { currentRequest, type Logger } from "@phresh/api/http";
import type { PageHandler } from "./http-server.ts";
import { endToEndHeaders, headersWithContext } from "./pages-link.ts";

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

/**
 * Pages answered by the pages process on `socketPath`; `listening` resolves once one listens
 * (starting it when none runs).
 */
export function forwardPages(options: {
  socketPath: string;
  listening: () => Promise<void>;
  logger: Logger;
}): PageHandler {
  const { socketPath, listening, logger } = options;
  const agent = new http.Agent({ keepAlive: true });
  return async (request, response) => {
    try {
      await listening();
    } catch (error) {
      logger.error({ err: error }, "no pages process");
      answerUnavailable(response);
      return;
    }
    await forward(request, response, socketPath, agent);
  };
}
