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
import {
  type AppUnderTest,
  startAppUnderTest,
  stopAppUnderTest,
  wanted,
} from "./app-under-test.ts";
import { type Argon2Measurement, type Argon2Operation, measureArgon2 } from "./baselines/argon2.ts";
import { runCleanups } from "./cleanup.ts";
import type { DatabaseKind } from "./database.ts";
import { runScenario, type Scenario, type ScenarioResult } from "./load.ts";
import { log, mebibytes } from "./log.ts";
import { type Options, parseOptions, USAGE } from "./options.ts";
import { peerUnavailable, startFastApiPeer } from "./peer.ts";
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
  GET_CLEANING_BARE,
  GET_CLEANING_FASTAPI,
  GET_CLEANING_HANDLER,
  GET_CLEANING_REST,
  GET_CLEANING_SAME_WORK,
  GET_CLEANING_TRPC,
  LOG_IN,
  MARKETPLACE_SCENARIOS,
  PASSWORD_FLOORS,
  REGISTER,
  type Timing,
} from "./scenarios.ts";
import { BENCH_PASSWORD, type Seeded } from "./seed.ts";
import {
  ensureWebBuild,
  idleRss,
  type RunningServer,
  staleBuildWarning,
  startFloorServer,
  startHandlerServer,
  startPasswordFloorServer,
} from "./server.ts";

function describe(result: ScenarioResult): string {
  return `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, ${result.errors} errors, ${result.non2xx} non-2xx, RSS peak ${mebibytes(result.serverRssPeakBytes)}, CPU per request: server ${result.serverCpuMsPerRequest.toFixed(2)} ms (main threads ${result.serverMainThreadCpuMsPerRequest.toFixed(2)}), PostgreSQL ${result.databaseCpuMsPerRequest.toFixed(2)} ms, load generator ${result.loadGeneratorCpuMsPerRequest.toFixed(2)} ms; other CPU ${(result.otherCpuShare * 100).toFixed(0)}%`;
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

/** A scenario, the server it loads and the database behind it: one side of a comparison. */
type Contender = { kind: DatabaseKind; scenario: Scenario; server: RunningServer };

const keyOf = ({ kind, scenario }: Contender) => `${kind}/${scenario.id}`;

/**
 * Runs every contender once, in order, then again, `count` times in all (rounds.ts says why),
 * logging each result; returns each contender's results in round order, by `keyOf`.
 */
async function runInRounds(
  contenders: Contender[],
  count: number,
): Promise<Map<string, ScenarioResult[]>> {
  const results = new Map<string, ScenarioResult[]>();
  for (let round = 1; round <= count; round += 1)
    for (const contender of contenders) {
      const { kind, scenario, server } = contender;
      const result = await runScenario(scenario, server.rootPid);
      results.set(keyOf(contender), [...(results.get(keyOf(contender)) ?? []), result]);
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
    contenders.push({ kind, scenario: baselineScenario(id, server.url, seeded, timing), server });
  }
  return { contenders, idleBytes };
}

const isSideBySide = (scenario: Scenario) =>
  scenario.id === GET_CLEANING_REST || scenario.id === GET_CLEANING_TRPC;

type SideBySide = Map<DatabaseKind, { scenarios: ScenarioResult[]; baselines: ScenarioResult[] }>;

/**
 * GET cleaning, side by side, first, on the rows just seeded (before the write scenarios grow
 * the tables): every app's REST and tRPC scenarios (PostgreSQL's and PGlite's, so that their
 * ratio sees the same stretches of the host), then the baselines on PostgreSQL, in `rounds`
 * interleaved rounds, each reported by its medians. The baselines start first and wait, idle,
 * while the others are measured.
 */
async function runSideBySide(
  apps: AppUnderTest[],
  options: Options,
  secretKey: string,
): Promise<SideBySide> {
  const settings = { timing: options.timing, secretKey, wanted: wanted(options) };
  const started: RunningServer[] = [];
  try {
    const contenders: Contender[] = apps.flatMap(({ database: kind, app, seeded }) =>
      appScenarios(app.url, seeded, options.timing)
        .filter((scenario) => isSideBySide(scenario) && settings.wanted(scenario.id))
        .map((scenario) => ({ kind, scenario, server: app })),
    );
    const onPostgres = apps.find((each) => each.place.url);
    const { contenders: baselines, idleBytes } = onPostgres?.place.url
      ? await startBaselines(
          "postgres",
          onPostgres.app,
          { ...onPostgres.place, url: onPostgres.place.url },
          onPostgres.seeded,
          settings,
          started,
        )
      : { contenders: [], idleBytes: new Map<string, number>() };
    const rounds = await runInRounds([...contenders, ...baselines], options.rounds);
    const combined = (side: Contender[]) =>
      side.map((contender) => {
        const result = combineRounds(rounds.get(keyOf(contender)) ?? []);
        const idle = idleBytes.get(contender.scenario.id);
        return idle === undefined ? result : { ...result, serverRssIdleBytes: idle };
      });
    const of = (kind: DatabaseKind, side: Contender[]) =>
      side.filter((contender) => contender.kind === kind);
    return new Map(
      apps.map(({ database: kind }) => [
        kind,
        { scenarios: combined(of(kind, contenders)), baselines: combined(of(kind, baselines)) },
      ]),
    );
  } finally {
    for (const server of started) await server.stop();
  }
}

/** The argon2id operation that bounds each password scenario: log-in verifies, register hashes. */
const PASSWORD_OPERATIONS: Partial<Record<string, Argon2Operation>> = {
  [LOG_IN]: "verify",
  [REGISTER]: "hash",
};

/**
 * `rounds` rounds of a password scenario, each right after a raw measurement of its argon2id
 * operation with the app idle (pushed onto `measurements`): the host's speed drifts by 5-15% over
 * minutes, so each round is compared with its own neighbour in time. The app's scenario runs
 * first in each round, then its floors (`contenders`' others); results by `keyOf`.
 */
async function runBesideArgon2(
  contenders: Contender[],
  operation: Argon2Operation,
  rounds: number,
  seconds: number,
  measurements: Argon2Measurement[],
): Promise<Map<string, ScenarioResult[]>> {
  const results = new Map<string, ScenarioResult[]>();
  for (let round = 1; round <= rounds; round += 1) {
    const raw = await measureArgon2(operation, seconds, BENCH_PASSWORD);
    measurements.push(raw);
    const of = rounds > 1 ? ` (round ${round} of ${rounds})` : "";
    log(
      `[${contenders[0]?.kind}] raw argon2id ${operation}${of}: ${raw.perSecond.toFixed(1)}/s (${raw.concurrency} in flight, other CPU ${(raw.otherCpuShare * 100).toFixed(0)}%)`,
    );
    for (const [key, each] of await runInRounds(contenders, 1))
      results.set(key, [...(results.get(key) ?? []), ...each]);
  }
  return results;
}

/** What a password route answered: its status and who for (the token's subject, the e-mail). */
async function passwordAnswer(
  url: string,
  scenario: Scenario,
): Promise<{ status: number; subject: unknown }> {
  const { spec } = scenario;
  const body =
    spec.registrationPassword === undefined
      ? spec.body
      : JSON.stringify({
          new_user: {
            email: `check-${randomBytes(4).toString("hex")}@bench.example.com`,
            name: `check-${randomBytes(4).toString("hex")}`,
            password: spec.registrationPassword,
          },
        });
  const response = await fetch(`${url}${spec.path}`, {
    method: spec.method,
    headers: spec.headers,
    body,
  });
  const answer = (await response.json()) as { access_token?: string; email?: string };
  const subject = answer.access_token ? decodeJwt(answer.access_token).sub : answer.email;
  return { status: response.status, subject };
}

/**
 * Starts `scenario`'s floors against the run's PostgreSQL database (pushed onto `started`), after
 * checking that each answers the app's request as the app does (status; the same-work floors
 * also a token for the same account). Register's check creates an account on each.
 */
async function startPasswordFloors(
  under: AppUnderTest,
  databaseUrl: string,
  secretKey: string,
  scenario: Scenario,
  started: RunningServer[],
): Promise<Contender[]> {
  const { app, seeded } = under;
  const issuer = decodeJwt(seeded.reader.token).iss ?? "phresh";
  const options = { databaseUrl, secretKey, issuer, appUrl: app.url };
  const fromApp = await passwordAnswer(app.url, scenario);
  const contenders: Contender[] = [];
  for (const floor of PASSWORD_FLOORS[scenario.id] ?? []) {
    const server = await startPasswordFloorServer(floor.work, options);
    started.push(server);
    const fromFloor = await passwordAnswer(server.url, scenario);
    const alike =
      fromFloor.status === fromApp.status &&
      (floor.work === "argon2-only" ||
        scenario.id !== LOG_IN ||
        fromFloor.subject === fromApp.subject);
    if (!alike || fromApp.status >= 300)
      throw new Error(
        `bench: the ${floor.label} answers differently from the app: ${JSON.stringify(fromApp)} against ${JSON.stringify(fromFloor)}`,
      );
    contenders.push({
      kind: under.database,
      scenario: {
        id: floor.id,
        label: floor.label,
        spec: { ...scenario.spec, baseUrl: server.url },
      },
      server,
    });
  }
  return contenders;
}

/** `contender`'s results, one per round. */
async function roundsOf(contender: Contender, rounds: number): Promise<ScenarioResult[]> {
  return (await runInRounds([contender], rounds)).get(keyOf(contender)) ?? [];
}

/** The app's other scenarios, one after the other, after the side-by-side rounds. */
async function runTheRest(
  under: AppUnderTest,
  sideBySide: SideBySide,
  options: Options,
  secretKey: string,
): Promise<DatabaseRun> {
  const { database: kind, app, seeded } = under;
  const isWanted = wanted(options);
  const measured = sideBySide.get(kind) ?? { scenarios: [], baselines: [] };
  const scenarios = [...measured.scenarios];
  const baselines = [...measured.baselines];
  const argon2: Argon2Measurement[] = [];
  for (const scenario of appScenarios(app.url, seeded, options.timing)) {
    if (isSideBySide(scenario) || !isWanted(scenario.id)) continue;
    const contender = { kind, scenario, server: app };
    const operation = PASSWORD_OPERATIONS[scenario.id];
    // The marketplace's p99 target is judged on the median of rounds, like GET cleaning's
    // figures: one 10 s run of a p99 moves with the host's speed by a third.
    const rounds = MARKETPLACE_SCENARIOS.includes(scenario.id) || operation ? options.rounds : 1;
    if (!operation) {
      scenarios.push(combineRounds(await roundsOf(contender, rounds)));
      continue;
    }
    // The floors need a database a second process can reach: PostgreSQL only.
    const started: RunningServer[] = [];
    try {
      const floors = under.place.url
        ? await startPasswordFloors(under, under.place.url, secretKey, scenario, started)
        : [];
      const results = await runBesideArgon2(
        [contender, ...floors],
        operation,
        rounds,
        options.argon2Seconds,
        argon2,
      );
      const combined = (each: Contender) => combineRounds(results.get(keyOf(each)) ?? []);
      scenarios.push(combined(contender));
      baselines.push(...floors.map(combined));
    } finally {
      for (const server of started) await server.stop();
    }
  }
  return {
    database: kind,
    startupSeconds: under.startupSeconds,
    rssAtFirstStartBytes: under.rssAtFirstStartBytes,
    rssAtReadyBytes: under.rssAtReadyBytes,
    rssAfterSeedingBytes: under.rssAfterSeedingBytes,
    appHashMatchesBaseline: under.appHashMatchesBaseline,
    marketplace: under.marketplace,
    seeded: {
      users: seeded.users,
      cleanings: seeded.cleanings,
      readerCleanings: seeded.readerCleanings,
    },
    scenarios,
    baselines,
    argon2,
  };
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
  // Every database's app runs at once: their GET cleaning rounds interleave (runSideBySide);
  // then each runs its other scenarios while the other waits, idle, and stops after them.
  const runs: DatabaseRun[] = [];
  const apps: AppUnderTest[] = [];
  try {
    for (const kind of options.databases)
      apps.push(await startAppUnderTest(kind, options, secretKey, profileDirectory));
    const sideBySide = await runSideBySide(apps, options, secretKey);
    while (apps.length > 0) {
      const [under] = apps;
      if (!under) break;
      runs.push(await runTheRest(under, sideBySide, options, secretKey));
      apps.shift();
      await stopAppUnderTest(under);
    }
  } finally {
    for (const under of apps) await stopAppUnderTest(under);
  }

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
