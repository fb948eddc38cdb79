// Browser tests against the production build (`next build` first: turbo's test:e2e depends on
// it), served by `next start` on an embedded database in a fresh temporary directory, in
// Debian's Chromium (no browser is ever downloaded).
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// PHRESH_E2E_PORT lets two checkouts run their browser tests side by side.
const port = Number(process.env.PHRESH_E2E_PORT ?? 3217);
const baseURL = `http://127.0.0.1:${port}`;
const dataDirectory = path.join(os.tmpdir(), `phresh-e2e-${port}`);

export default defineConfig({
  testDir: "./e2e",
  // Limits only catch hangs: ample headroom for a busy 2-core CI machine, where a page or an
  // answer can take ten times as long as it does idle.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  // One retry in CI, reported as "flaky" in the output, so a timing hiccup of the 2-core machine
  // does not hide the rest of the run; a test that fails twice fails.
  retries: process.env.CI ? 1 : 0,
  // The HTML report keeps each page's screenshots (e2e/page-checks.ts) for a reviewer.
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The production server, as `pnpm start` runs it, on a fresh embedded database.
    command: `rm -rf ${dataDirectory} && node .next/phresh-server/server.mjs`,
    url: `${baseURL}/api/openapi.json`,
    reuseExistingServer: false,
    // A fresh data directory runs initdb: seconds idle, ten times as long on a busy machine.
    timeout: 240_000,
    stdout: "pipe",
    env: {
      PHRESH_DATA_DIR: dataDirectory,
      DATABASE_URL: "",
      APP_URL: baseURL,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      // The journeys log in often from one address; rate limits have their own tests.
      RATE_LIMITS: "off",
    },
  },
});
