// Vitest's global setup (vitest.config.ts): before any test file runs, a server starts once on a
// migrated database and stops, and its data directory is kept for the run. Each file that calls
// `againstRunningServer()` starts its server on a copy of it: copying takes a tenth of a second,
// where filling a directory from the migrated dump took a second and a half of CPU per file.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startProductionServer, stopProductionServer } from "@phresh/web/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PHRESH_DATA_DIR whose database is migrated, its server stopped: copy it, never open it. */
    migratedServerData: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const temporary = mkdtempSync(path.join(os.tmpdir(), "phresh-cli-template-"));
  const removeTemporary = () => rmSync(temporary, { recursive: true, force: true });
  const dataDirectory = path.join(temporary, "data");
  try {
    const server = await startProductionServer(dataDirectory, {}, { migrated: true });
    const code = await stopProductionServer(server);
    if (!server.output().includes("Phresh database ready") || code !== 0) {
      throw new Error(
        `The server on the template directory did not start and stop cleanly:\n${server.output()}`,
      );
    }
  } catch (error) {
    removeTemporary();
    throw error;
  }
  // The key this server generated for development: each copy's server makes its own, as a server
  // on a new directory does.
  rmSync(path.join(dataDirectory, "secret-key"), { force: true });
  project.provide("migratedServerData", dataDirectory);
  return removeTemporary;
}
