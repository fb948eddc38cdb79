// How both servers that render pages start them: one per event-loop turn (one-start-per-turn.ts),
// in the request's context, and never at the cost of the process.
import type http from "node:http";
import { type Logger, type RequestContext, runWithRequestContext } from "@phresh/api/http";
import type { PageHandler } from "./http-server.ts";
import { oneStartPerTurn } from "./one-start-per-turn.ts";

export type PageStarter = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  context: RequestContext,
) => void;

/** Starts `handlePage`'s pages in turns of their own; a failed page answers 500, logged. */
export function startPagesInTurns(handlePage: PageHandler, logger: Logger): PageStarter {
  const nextPageStart = oneStartPerTurn();
  return (request, response, context) => {
    void nextPageStart()
      .then(() => runWithRequestContext(context, () => handlePage(request, response)))
      .catch((error: unknown) => {
        // No page may take the process (and every other request in it) down.
        logger.error({ err: error, requestId: context.requestId }, "a page failed");
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
  };
}
