// Starting and stopping the servers under test: the production build of apps/web, served as
// `pnpm start` serves it (apps/web/server.ts) or by a bare `next start`, and the baselines, each
// in its own process on loopback.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DatabasePlace } from "./database.ts";
import { readTreeRssBytes } from "./process-usage.ts";
import {
  benchDirectory,
  type Child,
  freePort,
  repositoryRoot,
  sleep,
  startChild,
  waitForOutput,
} from "./processes.ts";

const webDirectory = path.join(repositoryRoot, "apps", "web");
const buildIdFile = path.join(webDirectory, ".next", "BUILD_ID");
/** apps/web's `build` compiles the production server here (scripts/build-server.ts). */
const compiledServerFile = path.join(webDirectory, ".next", "phresh-server", "server.mjs");

export type RunningServer = {
  url: string;
  port: number;
  /** The process the bench started: with its descendants, the server whose memory and CPU count. */
  rootPid: number;
  child: Child;
  stop(): Promise<void>;
};

/** The Next.js build id; builds apps/web first when there is no production build yet. */
export async function ensureWebBuild(): Promise<string> {
  if (!existsSync(buildIdFile) || !existsSync(compiledServerFile)) {
    console.log("bench: apps/web has no production build; running pnpm --filter @phresh/web build");
    const build = startChild("next build", "pnpm", ["--filter", "@phresh/web", "build"], {
      cwd: repositoryRoot,
      env: process.env,
    });
    const code = await build.exited;
    if (code !== 0 || !existsSync(buildIdFile) || !existsSync(compiledServerFile))
      throw new Error(`bench: building apps/web failed (exit ${code}):\n${build.output()}`);
  }
  return readFileSync(buildIdFile, "utf8").trim();
}

/** Newest modification time under `entry` (node_modules, dot-folders and tests skipped). */
function newestChange(entry: string): { file: string; time: number } {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return { file: entry, time: 0 };
  // Tests are not part of the build.
  if (!stat.isDirectory())
    return { file: entry, time: /\.test(-d)?\.tsx?$/.test(entry) ? 0 : stat.mtimeMs };
  let newest = { file: entry, time: 0 };
  for (const name of readdirSync(entry)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const candidate = newestChange(path.join(entry, name));
    if (candidate.time > newest.time) newest = candidate;
  }
  return newest;
}

/**
 * A warning when a source file the build is made from was modified after the build: the figures
 * may then describe older code. The bench does not rebuild by itself (someone else's tests may
 * be serving that build right now).
 */
export function staleBuildWarning(): string | undefined {
  const built = statSync(buildIdFile).mtimeMs;
  const sources = [
    path.join(webDirectory, "src"),
    path.join(webDirectory, "next.config.ts"),
    path.join(repositoryRoot, "prisma"),
    ...readdirSync(path.join(repositoryRoot, "packages")).map((name) =>
      path.join(repositoryRoot, "packages", name, "src"),
    ),
  ];
  const newest = sources
    .map(newestChange)
    .reduce((left, right) => (right.time > left.time ? right : left));
  if (newest.time <= built) return undefined;
  // By modification time only: a file touched without a change also triggers it.
  return `apps/web/.next may be older than the code: it was built ${new Date(built).toISOString()}, ${path.relative(repositoryRoot, newest.file)} was modified ${new Date(newest.time).toISOString()}; run pnpm --filter @phresh/web build for figures of the current code`;
}

export async function whenListening(
  child: Child,
  label: string,
  port: number,
  ready: RegExp[],
  timeoutMs: number,
): Promise<RunningServer> {
  try {
    for (const pattern of ready) await waitForOutput(child, label, pattern, timeoutMs);
  } catch (error) {
    await child.stop();
    throw error;
  }
  // A server that dies under load leaves only connection errors in the figures: say why.
  void child.exited.then((code) => {
    if (!child.stopRequested())
      console.error(
        `bench: ${label} exited on its own (code ${code}); its last output:\n${child.output().slice(-4000)}`,
      );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    rootPid: child.pid,
    child,
    // server.ts lets in-flight requests finish for up to 10 s before it exits.
    stop: () => child.stop(15_000),
  };
}

/**
 * production: apps/web/server.ts, what `pnpm start` runs (request ids, security headers, request
 * logs, client addresses for rate limits). next-start: Next's own server, as before server.ts.
 */
export type AppServerKind = "production" | "next-start";

export type AppOptions = {
  server: AppServerKind;
  place: DatabasePlace;
  secretKey: string;
  /** Writes a V8 CPU profile of the server into this directory when it stops. */
  cpuProfileDirectory: string | undefined;
  /** NODE_OPTIONS of the server; empty for Node's defaults. */
  nodeOptions: string;
};

/** Node's arguments in apps/web's `start` script (`exec node <args>`), so both start the same. */
function startScriptArguments(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(webDirectory, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const words = manifest.scripts.start.split(/\s+/);
  if (words[0] !== "exec" || words[1] !== "node")
    throw new Error(
      `bench: apps/web's start script is not "exec node …": ${manifest.scripts.start}`,
    );
  return words.slice(2);
}

/** How each kind of app server is started, and what it prints once it serves requests. */
function appCommand(server: AppServerKind, port: number): { args: string[]; ready: RegExp[] } {
  if (server === "production")
    return {
      args: startScriptArguments(),
      ready: [/Phresh database ready/, /Phresh is listening/],
    };
  const nextBin = createRequire(path.join(webDirectory, "package.json")).resolve(
    "next/dist/bin/next",
  );
  return {
    args: [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    ready: [/Phresh database ready/],
  };
}

export async function startApp(options: AppOptions): Promise<RunningServer> {
  const port = await freePort();
  const command = appCommand(options.server, port);
  const child = startChild(
    `app server (${options.server}, ${options.place.kind})`,
    process.execPath,
    [
      ...(options.cpuProfileDirectory
        ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDirectory}`]
        : []),
      ...command.args,
    ],
    {
      cwd: webDirectory,
      env: {
        ...process.env,
        // Empty means the embedded database (config treats "" as unset).
        DATABASE_URL: options.place.url ?? "",
        PHRESH_DATA_DIR: options.place.dataDirectory,
        // An explicit key so the baseline can verify the app's tokens, and the development
        // mailbox forced on so seeding can read verification links.
        SECRET_KEY: options.secretKey,
        DEV_MAILBOX: "1",
        APP_URL: `http://127.0.0.1:${port}`,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_OPTIONS: options.nodeOptions,
        ...(options.server === "production"
          ? {
              // A production deployment behind a reverse proxy on this machine: the load
              // generator stands in for the proxy and names each log-in's client (see scenarios.ts).
              PHRESH_ENV: "production",
              TRUSTED_PROXIES: "127.0.0.1",
            }
          : {
              // Without server.ts there is no client address: every request would share one
              // rate-limit key, so limits are off (production mode would force them on).
              PHRESH_ENV: "development",
              RATE_LIMITS: "off",
              // V8 writes a CPU profile only on a normal exit: when profiling, let Next install its
              // own signal handlers, which end with process.exit.
              NEXT_MANUAL_SIG_HANDLE: options.cpuProfileDirectory ? "" : "true",
            }),
      },
    },
  );
  // A fresh PGlite directory takes a few seconds (initdb), ten times as long on a busy machine;
  // 4 minutes means something is wrong.
  return whenListening(child, "app server", port, command.ready, 240_000);
}

/** A node baseline of src/baselines in its own process; its options travel as JSON. */
async function startNodeBaseline(
  label: string,
  file: string,
  options: Record<string, unknown>,
  ready: RegExp,
): Promise<RunningServer> {
  const port = await freePort();
  const child = startChild(
    label,
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(benchDirectory, "src", "baselines", file),
      // A per-run random key on loopback: passing it as an argument exposes nothing that lasts.
      JSON.stringify({ ...options, port }),
    ],
    { cwd: benchDirectory, env: { ...process.env, NODE_OPTIONS: "" } },
  );
  return whenListening(child, label, port, [ready], 120_000);
}

/**
 * The node:http floors (src/baselines/floor-http-server.ts): the same-work floor checks the
 * caller as the app does, the one-query floor does not.
 */
export type FloorKind = "same-work" | "one-query";

export type FloorOptions = { databaseUrl: string; secretKey: string; issuer: string };

export function startFloorServer(kind: FloorKind, options: FloorOptions): Promise<RunningServer> {
  return startNodeBaseline(
    `${kind} floor server`,
    "floor-http-server.ts",
    { ...options, checkCaller: kind === "same-work" },
    /floor server listening/,
  );
}

/** Log-in's and register's floors: the app's statements, or argon2id alone. */
export type PasswordFloorWork = "same-work" | "argon2-only";

/**
 * A floor of log-in and register (src/baselines/password-floor-server.ts) on the run's
 * PostgreSQL database; `appUrl` goes into its verification links, as the app's does.
 */
export function startPasswordFloorServer(
  work: PasswordFloorWork,
  options: FloorOptions & { appUrl: string },
): Promise<RunningServer> {
  return startNodeBaseline(
    `${work} password floor server`,
    "password-floor-server.ts",
    { ...options, work },
    /password floor server listening/,
  );
}

/** The no-Next diagnostic (src/baselines/handler-http-server.ts). */
export function startHandlerServer(options: {
  databaseUrl: string;
  secretKey: string;
  dataDirectory: string;
}): Promise<RunningServer> {
  return startNodeBaseline(
    "handler diagnostic server",
    "handler-http-server.ts",
    options,
    /handler server listening/,
  );
}

const IDLE_SETTLE_MS = 2_000;

/**
 * Memory after start, at rest: read once the server has had a moment to finish starting (a
 * cluster's workers, uvicorn's) after it said it was ready. All its processes, bytes.
 */
export async function idleRss(server: RunningServer): Promise<number> {
  await sleep(IDLE_SETTLE_MS);
  return readTreeRssBytes(server.rootPid);
}
