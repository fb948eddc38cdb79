// The one set of services (configuration, database) of this server process and the handlers
// built on them, opened lazily and once: the embedded database allows one opener per process.
import { closeServices, createRestHandler, createTrpcHandler, openServices } from "@phresh/api";
import { loadConfig } from "@phresh/config";
import { type PhreshServer, serverHolder, TRPC_ENDPOINT } from "./server-holder.ts";
import { serverRole } from "./server-role.ts";

async function startPhreshServer(migrate: boolean): Promise<PhreshServer> {
  const services = await openServices(loadConfig(), { migrate });
  return {
    services,
    handleRest: createRestHandler(services, { basePath: "/api" }),
    handleTrpc: createTrpcHandler(services, { endpoint: TRPC_ENDPOINT }),
  };
}

export function getPhreshServer(): Promise<PhreshServer> {
  // A pages process never migrates: its serving process did (pages-server.ts).
  serverHolder.phreshServer ??= startPhreshServer(serverRole() !== "pages");
  return serverHolder.phreshServer;
}

/** Closes the database on shutdown so the embedded data directory is left clean and unlocked. */
export async function shutDownPhreshServer(): Promise<void> {
  const pending = serverHolder.phreshServer;
  serverHolder.phreshServer = undefined;
  if (pending) await closeServices((await pending).services);
}
