import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // e2e/*.spec.ts belong to Playwright (pnpm test:e2e).
    include: ["src/**/*.test.ts"],
    // A limit only catches hangs: ample headroom for a busy 2-core CI machine, where opening a
    // database takes ten times as long as it does idle.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
