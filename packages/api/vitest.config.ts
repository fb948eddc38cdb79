import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Opening a database and applying migrations takes seconds on PGlite, and ten times as long
    // on a busy 2-core CI machine (79 s seen for a test that takes 6 s idle). A limit only
    // catches hangs: 5 minutes is ample headroom over the slowest test seen under load.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Test files share their worker's modules instead of loading everything anew: each file
    // opens its own database and services (testing.ts), so nothing of one file's state is
    // another's, and loading the API, Prisma and PGlite's WebAssembly for every file was
    // half of the suite's CPU (measured: 337 s of CPU without sharing, 163 s with).
    isolate: false,
  },
});
