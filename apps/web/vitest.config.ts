import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // e2e/*.spec.ts belong to Playwright (pnpm test:e2e).
    include: ["src/**/*.test.ts"],
    // Generous: a server's first start runs initdb, which a busy 2-core CI machine makes slow.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
