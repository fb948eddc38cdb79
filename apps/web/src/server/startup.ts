import { onShutdown } from "@phresh/api/http";
import { announcePhreshServerOpen } from "./server-holder.ts";
import { getPhreshServer, shutDownPhreshServer } from "./services.ts";
import { exitOnStartupFailure } from "./startup-failure.ts";

export async function startServer(): Promise<void> {
  try {
    const { services } = await getPhreshServer();
    const { database } = services;
    const where =
      services.config.database.kind === "pglite"
        ? services.config.database.dataDirectory
        : "PostgreSQL";
    const applied = database.appliedMigrations.length;
    console.log(
      `Phresh database ready (${where}${applied ? `, applied ${applied} migration(s)` : ""}).`,
    );
    if (services.config.devMailbox === "open")
      console.warn(
        "Warning: DEV_MAILBOX=1 opens the development mailbox, with every verification and reset link, to anyone who can reach this server.",
      );
  } catch (error) {
    exitOnStartupFailure(error);
  }
  // The HTTP server (server.ts) runs this after its last request, so the data directory is left clean.
  onShutdown(shutDownPhreshServer);
  announcePhreshServerOpen();
}
