import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Opening a database and applying migrations takes seconds on PGlite, and ten times as long
    // on a busy 2-core CI machine (79 s seen for a test that takes 6 s idle). A limit only
    // catches hangs: 5 minutes is ample headroom over the slowest test seen under load.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // The type tests (*.test-d.ts) are not run here: `pnpm typecheck` (tsc over src, part of
    // `pnpm test`) checks them, and checking them here too cost CI a second tsc run.
  },
});
