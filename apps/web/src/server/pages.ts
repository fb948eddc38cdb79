// Next.js, started only when a page is first asked for: its runtime is most of an idle server's
// memory, and a process that only ever serves the API never needs it. On PGlite it starts in the
// serving process on the first page (lazyPages); on PostgreSQL a pages process, itself started
// by the first page, starts it at once (pages-server.ts). Measured in the report behind
// bench/RESULTS.md; the first page waits for Next to start (about a second idle).
import { AsyncResource } from "node:async_hooks";
import { currentRequest } from "@phresh/api/http";
import type { PageHandler } from "./http-server.ts";
import { answerOutagesWith503 } from "./outage-page.ts";

export type NextOptions = { dir: string; hostname: string; port: number };

/** Starts Next.js's production server and returns its request handler. */
export async function startNext(options: NextOptions): Promise<PageHandler> {
  const { default: next } = await import("next");
  const app = next({ dev: false, ...options });
  await app.prepare();
  const handle = app.getRequestHandler();
  return (request, response) => {
    // Pages that fail because the database is away answer 503, as the API does; the headers
    // already set (request id, security headers) stay.
    const context = currentRequest();
    if (context) answerOutagesWith503(response, context, response.getHeaderNames());
    return handle(request, response);
  };
}

/** Pages rendered in this process, by a Next.js started on the first of them. */
export function lazyPages(options: NextOptions): PageHandler {
  // Next starts in the async context of server start-up, not of the page that asked first: its
  // timers and caches must not carry that request's context (its id, its client) for good.
  const startUp = new AsyncResource("phresh-pages");
  let loading: Promise<PageHandler> | undefined;

  return async (request, response) => {
    loading ??= startUp
      .runInAsyncScope(() => startNext(options))
      .catch((error: unknown) => {
        loading = undefined; // the next page tries again
        throw error;
      });
    await (await loading)(request, response);
  };
}
