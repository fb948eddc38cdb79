// What the server prints once its database is open: where the data lives, what migrations ran,
// and a warning when the development mailbox is open to everyone. Printed once per server, by
// the process that applied the migrations (the cluster's primary on PostgreSQL).
import type { PhreshConfig } from "@phresh/config";

export function announceDatabase(config: PhreshConfig, appliedMigrations: readonly string[]): void {
  const where = config.database.kind === "pglite" ? config.database.dataDirectory : "PostgreSQL";
  const applied = appliedMigrations.length;
  console.log(
    `Phresh database ready (${where}${applied ? `, applied ${applied} migration(s)` : ""}).`,
  );
  if (config.devMailbox === "open")
    console.warn(
      "Warning: DEV_MAILBOX=1 opens the development mailbox, with every verification and reset link, to anyone who can reach this server.",
    );
}
