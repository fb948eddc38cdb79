// Where this process keeps its one Phresh server (services plus handlers): on globalThis, so
// that Next's separately bundled routes, dev reloads and server.ts share it. Type imports only,
// so that server.ts reaches the server without loading a second copy of @phresh/api.
import type { Services } from "@phresh/api";

export type PhreshServer = {
  services: Services;
  handleRest: (request: Request) => Promise<Response>;
  handleTrpc: (request: Request) => Promise<Response>;
};

export const TRPC_ENDPOINT = "/api/trpc";

type Signal = { promise: Promise<void>; resolve: () => void };

export const serverHolder = globalThis as typeof globalThis & {
  phreshServer?: Promise<PhreshServer>;
  phreshServerOpened?: Signal;
};

function openedSignal(): Signal {
  if (!serverHolder.phreshServerOpened) {
    let resolve = () => {};
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    serverHolder.phreshServerOpened = { promise, resolve };
  }
  return serverHolder.phreshServerOpened;
}

/**
 * Resolves once the instrumentation hook has opened the database and applied migrations
 * (startup.ts). Next.js runs that hook in the background of `prepare()`, so server.ts waits for
 * this before it listens: no request hangs on a database that is still opening.
 */
export const whenPhreshServerOpens = (): Promise<void> => openedSignal().promise;

export const announcePhreshServerOpen = (): void => openedSignal().resolve();
