import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Opening a database and applying migrations takes seconds on PGlite, and ten times as long
    // on a busy 2-core CI machine (79 s seen for a test that takes 6 s idle). A limit only
    // catches hangs: 5 minutes is ample headroom over the slowest test seen under load.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Migrates, once, the database that each file's server starts from a copy of.
    globalSetup: ["./src/migrated-server-data.ts"],
    // Vitest leaves a core free by default, which on a 2-core machine runs one file at a time. A
    // file's worker mostly waits on its child processes (its server, `phresh`), and each file has
    // a server and directories of its own, so two files run at once.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The type tests (*.test-d.ts) are not run here: `pnpm typecheck` (tsc over src, part of
    // `pnpm test`) checks them, and checking them here too cost CI a second tsc run.
  },
});
