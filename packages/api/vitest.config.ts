import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Opening a database and applying migrations takes seconds on PGlite.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
