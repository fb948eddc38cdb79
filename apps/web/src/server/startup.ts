import { onShutdown } from "@phresh/api/http";
import { ConfigError } from "@phresh/config";
import { DatabaseError } from "@phresh/db";
import { getPhreshServer, shutDownPhreshServer } from "./services.ts";

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
  } catch (error) {
    // Known set-up problems are one line that says what to do; anything else keeps its stack.
    if (error instanceof DatabaseError || error instanceof ConfigError)
      console.error(`Phresh cannot start: ${error.message}`);
    else console.error("Phresh cannot start:", error);
    process.exit(1);
  }
  // The HTTP server (server.ts) runs this after its last request, so the data directory is left clean.
  onShutdown(shutDownPhreshServer);
}
