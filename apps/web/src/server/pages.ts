// Next.js, loaded on the first page request rather than at start: its runtime is most of an idle
// server's memory, and a process that only ever serves the API (a cluster worker under API
// load, a deployment used through the command-line client) never needs it. Measured in the
// report behind bench/RESULTS.md; the first page waits for Next to start (about a second idle).
import { AsyncResource } from "node:async_hooks";
import type { PageHandler } from "./http-server.ts";

export function lazyPages(options: { dir: string; hostname: string; port: number }): PageHandler {
  // Next starts in the async context of server start-up, not of the page that asked first: its
  // timers and caches must not carry that request's context (its id, its client) for good.
  const startUp = new AsyncResource("phresh-pages");
  let loading: Promise<PageHandler> | undefined;

  async function load(): Promise<PageHandler> {
    const { default: next } = await import("next");
    const app = next({ dev: false, ...options });
    await app.prepare();
    const handle = app.getRequestHandler();
    return (request, response) => handle(request, response);
  }

  return async (request, response) => {
    loading ??= startUp.runInAsyncScope(load).catch((error: unknown) => {
      loading = undefined; // the next page tries again
      throw error;
    });
    await (await loading)(request, response);
  };
}
