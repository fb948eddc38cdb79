// Where this process keeps its one Phresh server (services plus handlers): on globalThis, so
// that Next's separately bundled routes and pages, dev reloads and server.ts share it. Type
// imports only: whichever copy of @phresh/api opens the server first (server.ts's, or Next's
// under `next dev`), every other copy uses that one.
import type { Services } from "@phresh/api";

export type PhreshServer = {
  services: Services;
  handleRest: (request: Request) => Promise<Response>;
  handleTrpc: (request: Request) => Promise<Response>;
};

export const TRPC_ENDPOINT = "/api/trpc";

export const serverHolder = globalThis as typeof globalThis & {
  phreshServer?: Promise<PhreshServer>;
  /** Opening it, once per process (startup.ts). */
  phreshServerStarted?: Promise<void>;
};
