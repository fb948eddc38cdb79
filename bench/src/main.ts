// `pnpm bench` (flags: src/options.ts): how fast the production build of Phresh serves its users,
// against baselines measured in the same run (issue 7). PGlite always runs; PostgreSQL runs when
// DATABASE_URL names a server (a throwaway database is created on it and dropped afterwards).
// Exits non-zero when any request failed or was not 2xx; missed targets are reported, not fatal.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { decodeJwt } from "jose";
import { type Argon2Baseline, matchesAppParameters, measureArgon2 } from "./baselines/argon2.ts";
import { runCleanups } from "./cleanup.ts";
import { type DatabaseKind, prepareDatabase, readPasswordHash } from "./database.ts";
import { runScenario, type Scenario, type ScenarioResult } from "./load.ts";
import { type MarketplaceData, seedMarketplace } from "./marketplace.ts";
import { type Options, parseOptions, USAGE } from "./options.ts";
import { peerUnavailable, startFastApiPeer } from "./peer.ts";
import { readTreeRssBytes } from "./process-usage.ts";
import { benchDirectory, repositoryRoot } from "./processes.ts";
import {
  type BenchResult,
  type DatabaseRun,
  evaluateTargets,
  findDisturbances,
  findProblems,
  renderMarkdown,
  writeResultFile,
} from "./report.ts";
import { combineRounds } from "./rounds.ts";
import {
  appScenarios,
  type BaselineId,
  baselineScenario,
  FEED_PAGE,
  GET_CLEANING_BARE,
  GET_CLEANING_FASTAPI,
  GET_CLEANING_HANDLER,
  GET_CLEANING_REST,
  GET_CLEANING_SAME_WORK,
  GET_CLEANING_TRPC,
  JOBS_SEARCH,
  LOG_IN,
  MARKETPLACE_SCENARIOS,
  REGISTER,
  type Timing,
} from "./scenarios.ts";
import { BENCH_PASSWORD, type Seeded, seed } from "./seed.ts";
import {
  ensureWebBuild,
  idleRss,
  type RunningServer,
  staleBuildWarning,
  startApp,
  startFloorServer,
  startHandlerServer,
} from "./server.ts";

function log(message: string): void {
  console.log(`bench: ${message}`);
}

function mebibytes(bytes: number | undefined): string {
  return `${((bytes ?? 0) / 1024 / 1024).toFixed(0)} MiB`;
}

function describe(result: ScenarioResult): string {
  return `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, ${result.errors} errors, ${result.non2xx} non-2xx, RSS peak ${mebibytes(result.serverRssPeakBytes)}, CPU per request: server ${result.serverCpuMsPerRequest.toFixed(2)} ms, PostgreSQL ${result.databaseCpuMsPerRequest.toFixed(2)} ms, load generator ${result.loadGeneratorCpuMsPerRequest.toFixed(2)} ms; other CPU ${(result.otherCpuShare * 100).toFixed(0)}%`;
}

async function fetchJson(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`bench: GET ${url} answered ${response.status}`);
  return response.json();
}

/** The baseline must answer exactly what the app answers, or it is not doing the same work. */
async function checkSameCleaning(app: RunningServer, baseline: RunningServer, seeded: Seeded) {
  const path = `/api/cleanings/${seeded.cleaningId}`;
  const [fromApp, fromBaseline] = await Promise.all([
    fetchJson(`${app.url}${path}`, seeded.reader.token),
    fetchJson(`${baseline.url}${path}`, seeded.reader.token),
  ]);
  if (!isDeepStrictEqual(fromApp, fromBaseline))
    throw new Error(
      `bench: a baseline answers differently from the app:\n${JSON.stringify(fromApp)}\n${JSON.stringify(fromBaseline)}`,
    );
}

type Baseline = {
  id: BaselineId;
  start(): Promise<RunningServer>;
  /** Why it cannot run here (the peer without its Python packages): the run goes on without it. */
  unavailable?: () => Promise<string | undefined>;
  /** A required baseline that fails to start fails the run; an optional one is skipped. */
  required: boolean;
};

/** A scenario and the server it loads: one side of a side-by-side comparison. */
type Contender = { scenario: Scenario; server: RunningServer };

/**
 * Runs every contender once, in order, then again, `count` times in all (rounds.ts says why),
 * logging each result; returns each scenario's results in round order.
 */
async function runInRounds(
  kind: DatabaseKind,
  contenders: Contender[],
  count: number,
): Promise<Map<string, ScenarioResult[]>> {
  const results = new Map<string, ScenarioResult[]>();
  for (let round = 1; round <= count; round += 1)
    for (const { scenario, server } of contenders) {
      const result = await runScenario(scenario, server.rootPid);
      results.set(scenario.id, [...(results.get(scenario.id) ?? []), result]);
      const of = count > 1 ? ` (round ${round} of ${count})` : "";
      log(`[${kind}] ${scenario.id}${of}: ${describe(result)}`);
    }
  return results;
}

/**
 * Starts GET cleaning's baselines, each in its own process against the run's PostgreSQL database
 * (the floors, the FastAPI peer, the no-Next diagnostic), checks that each answers what the app
 * answers, and reads its idle RSS. Every server started is pushed onto `started` at once, so the
 * caller stops it even when a later one fails. The diagnostic imports @phresh/api from source: if
 * it cannot start, the run goes on without it.
 */
async function startBaselines(
  kind: DatabaseKind,
  app: RunningServer,
  place: { url: string; dataDirectory: string },
  seeded: Seeded,
  settings: { timing: Timing; secretKey: string; wanted: (id: string) => boolean },
  started: RunningServer[],
): Promise<{ contenders: Contender[]; idleBytes: Map<string, number> }> {
  const databaseUrl = place.url;
  const { secretKey, timing } = settings;
  const token = { databaseUrl, secretKey, issuer: decodeJwt(seeded.reader.token).iss ?? "phresh" };
  const baselines: Baseline[] = [
    {
      id: GET_CLEANING_SAME_WORK,
      start: () => startFloorServer("same-work", token),
      required: true,
    },
    { id: GET_CLEANING_BARE, start: () => startFloorServer("one-query", token), required: true },
    {
      id: GET_CLEANING_FASTAPI,
      start: () => startFastApiPeer(token),
      unavailable: peerUnavailable,
      required: false,
    },
    {
      id: GET_CLEANING_HANDLER,
      start: () =>
        startHandlerServer({ databaseUrl, secretKey, dataDirectory: place.dataDirectory }),
      required: false,
    },
  ];
  const contenders: Contender[] = [];
  const idleBytes = new Map<string, number>();
  for (const { id, start, unavailable, required } of baselines) {
    if (!settings.wanted(id)) continue;
    const reason = await unavailable?.();
    if (reason) {
      log(`[${kind}] skipping ${id}: ${reason}`);
      continue;
    }
    let server: RunningServer;
    try {
      server = await start();
    } catch (error) {
      if (required) throw error;
      log(`[${kind}] skipping ${id}: ${error instanceof Error ? error.message : error}`);
      continue;
    }
    started.push(server);
    idleBytes.set(id, await idleRss(server));
    await checkSameCleaning(app, server, seeded);
    contenders.push({ scenario: baselineScenario(id, server.url, seeded, timing), server });
  }
  return { contenders, idleBytes };
}

/**
 * GET cleaning, side by side: the app's REST and tRPC scenarios, then the baselines (on
 * PostgreSQL only), in `rounds` interleaved rounds, each reported by its medians. The baselines
 * start first and wait, idle, while the others are measured.
 */
async function runSideBySide(
  kind: DatabaseKind,
  app: RunningServer,
  appGets: Scenario[],
  place: { url: string | undefined; dataDirectory: string },
  seeded: Seeded,
  settings: { timing: Timing; rounds: number; secretKey: string; wanted: (id: string) => boolean },
): Promise<{ scenarios: ScenarioResult[]; baselines: ScenarioResult[] }> {
  const started: RunningServer[] = [];
  try {
    const { url } = place;
    const { contenders, idleBytes } = url
      ? await startBaselines(kind, app, { ...place, url }, seeded, settings, started)
      : { contenders: [], idleBytes: new Map<string, number>() };
    const apps = appGets.map((scenario) => ({ scenario, server: app }));
    const rounds = await runInRounds(kind, [...apps, ...contenders], settings.rounds);
    const combined = (side: Contender[]) =>
      side.map(({ scenario }) => {
        const result = combineRounds(rounds.get(scenario.id) ?? []);
        const idle = idleBytes.get(scenario.id);
        return idle === undefined ? result : { ...result, serverRssIdleBytes: idle };
      });
    return { scenarios: combined(apps), baselines: combined(contenders) };
  } finally {
    for (const server of started) await server.stop();
  }
}

async function benchDatabase(
  kind: DatabaseKind,
  options: Options,
  secretKey: string,
  profileDirectory: string | undefined,
): Promise<DatabaseRun> {
  const place = await prepareDatabase(kind, options.postgresServerUrl);
  try {
    log(`[${kind}] starting the app (${options.server} server)`);
    const appOptions = {
      server: options.server,
      place,
      secretKey,
      cpuProfileDirectory: profileDirectory && path.join(profileDirectory, kind),
      nodeOptions: options.serverNodeOptions,
    };
    // The first start on a fresh PGlite directory runs initdb, which leaves PGlite's WebAssembly
    // memory (it never shrinks) near 1 GB; a deployment does that once, then restarts on its
    // data. So the measured server is a restarted one; the first start's memory is reported too.
    let rssAtFirstStartBytes: number | undefined;
    if (kind === "pglite") {
      const first = await startApp({ ...appOptions, cpuProfileDirectory: undefined });
      rssAtFirstStartBytes = readTreeRssBytes(first.rootPid);
      await first.stop();
      log(
        `[${kind}] initialised the data directory (RSS ${mebibytes(rssAtFirstStartBytes)}); restarting`,
      );
    }
    const wanted = (id: string) => !options.scenarios || options.scenarios.includes(id);
    // Written while the app is stopped: PGlite allows one process per data directory.
    let marketplace: MarketplaceData | undefined;
    if (MARKETPLACE_SCENARIOS.some(wanted)) {
      const seedClock = performance.now();
      marketplace = await seedMarketplace(
        place.url
          ? { kind: "postgres", url: place.url }
          : { kind: "pglite", dataDirectory: path.join(place.dataDirectory, "pglite") },
        options.marketplace,
        { feed: FEED_PAGE, jobs: JOBS_SEARCH },
      );
      log(
        `[${kind}] wrote ${marketplace.cleanings} cleanings and ${marketplace.offers} offers by SQL in ${((performance.now() - seedClock) / 1000).toFixed(1)} s`,
      );
      for (const plan of marketplace.plans)
        log(
          `[${kind}] plan of ${plan.scenario} (${plan.executionMs.toFixed(2)} ms): ${plan.scans.join("; ")}`,
        );
    }
    const startClock = performance.now();
    const app = await startApp(appOptions);
    const startupSeconds = (performance.now() - startClock) / 1000;
    const rssAtReadyBytes = await idleRss(app);
    log(
      `[${kind}] ready in ${startupSeconds.toFixed(1)} s at ${app.url} (server pid ${app.rootPid}), RSS idle ${mebibytes(rssAtReadyBytes)}`,
    );
    try {
      const seeded = await seed(app.url, options.sizes);
      log(`[${kind}] seeded ${seeded.users} users and ${seeded.cleanings} cleanings over HTTP`);
      const rssAfterSeedingBytes = readTreeRssBytes(app.rootPid);
      const appHashMatchesBaseline = place.url
        ? matchesAppParameters((await readPasswordHash(place.url, seeded.reader.email)) ?? "")
        : undefined;
      if (appHashMatchesBaseline === false)
        throw new Error("bench: the app hashes with other argon2 parameters than the baseline");

      const scenarios: ScenarioResult[] = [];
      const baselines: ScenarioResult[] = [];
      let argon2: Argon2Baseline | undefined;
      const all = appScenarios(app.url, seeded, options.timing);
      const isSideBySide = (scenario: Scenario) =>
        scenario.id === GET_CLEANING_REST || scenario.id === GET_CLEANING_TRPC;
      // First, on the rows just seeded, before the write scenarios grow the tables.
      const sideBySide = await runSideBySide(
        kind,
        app,
        all.filter((scenario) => isSideBySide(scenario) && wanted(scenario.id)),
        place,
        seeded,
        { timing: options.timing, rounds: options.rounds, secretKey, wanted },
      );
      scenarios.push(...sideBySide.scenarios);
      baselines.push(...sideBySide.baselines);
      for (const scenario of all.filter((each) => !isSideBySide(each))) {
        // The ceiling of log-in and register, measured next to them in time (the app idle).
        if (scenario.id === LOG_IN && (wanted(LOG_IN) || wanted(REGISTER))) {
          argon2 = await measureArgon2(options.argon2Seconds, BENCH_PASSWORD);
          log(
            `[${kind}] raw argon2id: ${argon2.hashesPerSecond.toFixed(1)} hash/s, ${argon2.verificationsPerSecond.toFixed(1)} verify/s (${argon2.concurrency} in flight, other CPU ${(argon2.otherCpuShare * 100).toFixed(0)}%)`,
          );
        }
        if (!wanted(scenario.id)) continue;
        // The marketplace's p99 target is judged on the median of rounds, like GET cleaning's
        // figures: one 10 s run of a p99 moves with the host's speed by a third.
        const rounds = MARKETPLACE_SCENARIOS.includes(scenario.id) ? options.rounds : 1;
        const results = await runInRounds(kind, [{ scenario, server: app }], rounds);
        scenarios.push(combineRounds(results.get(scenario.id) ?? []));
      }
      return {
        database: kind,
        startupSeconds,
        rssAtFirstStartBytes,
        rssAtReadyBytes,
        rssAfterSeedingBytes,
        seeded: {
          users: seeded.users,
          cleanings: seeded.cleanings,
          readerCleanings: seeded.readerCleanings,
        },
        scenarios,
        baselines,
        argon2,
        appHashMatchesBaseline,
        marketplace,
      };
    } finally {
      await app.stop();
    }
  } finally {
    await place.release();
  }
}

function gitCommit(): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: repositoryRoot,
      encoding: "utf8",
    }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  if (process.argv.includes("--help")) {
    console.log(USAGE);
    return 0;
  }
  const options = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date().toISOString();
  const stamp = startedAt.replace(/[:.]/g, "-");
  const resultsDirectory = path.join(benchDirectory, "results");
  const nextBuildId = await ensureWebBuild();
  const staleBuild = staleBuildWarning();
  if (staleBuild) log(`warning: ${staleBuild}`);
  // Per run: the app signs with it and the baselines verify with it.
  const secretKey = randomBytes(48).toString("base64url");

  log(`${options.mode} run on ${options.databases.join(" and ")}`);

  const profileDirectory = options.cpuProfile
    ? path.join(resultsDirectory, `profiles-${stamp}`)
    : undefined;
  const runs: DatabaseRun[] = [];
  for (const kind of options.databases)
    runs.push(await benchDatabase(kind, options, secretKey, profileDirectory));

  const cpus = os.cpus();
  const result: BenchResult = {
    mode: options.mode,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: cpus[0]?.model.trim() ?? "unknown",
      memoryBytes: os.totalmem(),
      node: process.version,
      kernel: os.release(),
    },
    nextBuildId,
    staleBuild,
    server: options.server,
    serverNodeOptions: options.serverNodeOptions,
    gitCommit: gitCommit(),
    runs,
    targets: evaluateTargets(runs),
    problems: findProblems(runs),
    disturbances: findDisturbances(runs),
  };
  const file = writeResultFile(resultsDirectory, result);
  console.log(`\n${renderMarkdown(result)}\n`);
  log(`result written to ${path.relative(repositoryRoot, file)}`);
  if (profileDirectory) log(`CPU profiles in ${path.relative(repositoryRoot, profileDirectory)}`);
  return result.problems.length === 0 ? 0 : 1;
}

// Ctrl-C can reach us more than once (from the terminal, and relayed by pnpm or another
// wrapper): keep handling it, or a second one would kill the process halfway through cleaning up.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`bench: ${signal}: stopping servers and removing temporary data`);
    void runCleanups().finally(() => process.exit(130));
  });
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  await runCleanups();
}
process.exit(exitCode);
