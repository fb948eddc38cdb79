// The one set of services (configuration, database) of this server process and the handlers
// built on them. Opened lazily and kept on globalThis so that Next's separately bundled routes
// and dev reloads share them: the embedded database allows one opener per process.
import {
  closeServices,
  createRestHandler,
  createTrpcHandler,
  openServices,
  type Services,
} from "@phresh/api";
import { loadConfig } from "@phresh/config";

export type PhreshServer = {
  services: Services;
  handleRest: (request: Request) => Promise<Response>;
  handleTrpc: (request: Request) => Promise<Response>;
};

const holder = globalThis as typeof globalThis & { phreshServer?: Promise<PhreshServer> };

async function startPhreshServer(): Promise<PhreshServer> {
  const services = await openServices(loadConfig());
  return {
    services,
    handleRest: createRestHandler(services, { basePath: "/api" }),
    handleTrpc: createTrpcHandler(services, { endpoint: "/api/trpc" }),
  };
}

export function getPhreshServer(): Promise<PhreshServer> {
  holder.phreshServer ??= startPhreshServer();
  return holder.phreshServer;
}

/** Closes the database on shutdown so the embedded data directory is left clean and unlocked. */
export async function shutDownPhreshServer(): Promise<void> {
  const pending = holder.phreshServer;
  holder.phreshServer = undefined;
  if (pending) await closeServices((await pending).services);
}
