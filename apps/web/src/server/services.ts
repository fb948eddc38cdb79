// The one set of services (configuration, database) of this server process and the handlers
// built on them, opened lazily and once: the embedded database allows one opener per process.
import { closeServices, createRestHandler, createTrpcHandler, openServices } from "@phresh/api";
import { loadConfig } from "@phresh/config";
import { type PhreshServer, serverHolder, TRPC_ENDPOINT } from "./server-holder.ts";

async function startPhreshServer(migrate: boolean): Promise<PhreshServer> {
  const services = await openServices(loadConfig(), { migrate });
  return {
    services,
    handleRest: createRestHandler(services, { basePath: "/api" }),
    handleTrpc: createTrpcHandler(services, { endpoint: TRPC_ENDPOINT }),
  };
}

/**
 * `migrate`: whether opening applies pending migrations (the first call decides); not in a pages
 * process, whose serving process applied them (pages-server.ts).
 */
export function getPhreshServer({ migrate = true } = {}): Promise<PhreshServer> {
  serverHolder.phreshServer ??= startPhreshServer(migrate);
  return serverHolder.phreshServer;
}

/** Closes the database on shutdown so the embedded data directory is left clean and unlocked. */
export async function shutDownPhreshServer(): Promise<void> {
  const pending = serverHolder.phreshServer;
  serverHolder.phreshServer = undefined;
  if (pending) await closeServices((await pending).services);
}
