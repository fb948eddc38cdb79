import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Opening a database and applying migrations takes seconds on PGlite.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The type tests (*.test-d.ts) are checked by tsc as part of `vitest run`, not executed.
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] },
  },
});
