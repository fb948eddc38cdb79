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

export const serverHolder = globalThis as typeof globalThis & {
  phreshServer?: Promise<PhreshServer>;
};
