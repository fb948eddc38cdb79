// Opens this process's Phresh server (database, migrations, handlers) once: server.ts calls it
// before it listens, and Next's instrumentation hook calls it too (it is all that opens the
// server under `next dev`). A broken setup stops the process with one readable line.
import { onShutdown } from "@phresh/api/http";
import { announceDatabase } from "./database-announcement.ts";
import { serverHolder } from "./server-holder.ts";
import { getPhreshServer, shutDownPhreshServer } from "./services.ts";
import { exitOnStartupFailure } from "./startup-failure.ts";

async function openPhreshServer(announce: boolean): Promise<void> {
  try {
    const { services } = await getPhreshServer();
    if (announce) announceDatabase(services.config, services.database.appliedMigrations);
  } catch (error) {
    exitOnStartupFailure(error);
  }
  // The HTTP server (server.ts) runs this after its last request, so the data directory is left clean.
  onShutdown(shutDownPhreshServer);
}

/**
 * `announce`: whether this process says the database is ready (not a cluster's worker: its
 * primary applied the migrations and said so). The first call decides.
 */
export function startServer({ announce }: { announce: boolean }): Promise<void> {
  serverHolder.phreshServerStarted ??= openPhreshServer(announce);
  return serverHolder.phreshServerStarted;
}
