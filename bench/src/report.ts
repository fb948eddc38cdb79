// The benchmark's verdict: the ratios of issue 7 against their targets, the problems that make a
// run fail (errors, non-2xx answers), a markdown summary, and the JSON result file.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Argon2Measurement, Argon2Operation } from "./baselines/argon2.ts";
import type { DatabaseKind } from "./database.ts";
import type { ScenarioResult } from "./load.ts";
import type { MarketplaceData } from "./marketplace.ts";
import { median } from "./rounds.ts";
import {
  GET_CLEANING_BARE,
  GET_CLEANING_FASTAPI,
  GET_CLEANING_HANDLER,
  GET_CLEANING_REST,
  GET_CLEANING_SAME_WORK,
  GET_CLEANING_TRPC,
  GET_CLEANING_UNDER_FLOOD,
  JOBS_SEARCH,
  LOG_IN,
  PASSWORD_FLOORS,
  REGISTER,
} from "./scenarios.ts";
import type { AppServerKind } from "./server.ts";

export type DatabaseRun = {
  database: DatabaseKind;
  /** From spawning the (restarted) app server to its ready line. */
  startupSeconds: number;
  /** PGlite only: RSS after the first start on the fresh directory (initdb), bytes. */
  rssAtFirstStartBytes: number | undefined;
  /**
   * Server RSS at rest after start (a moment after its ready line), and after seeding (before
   * any load), bytes; all its processes, summed.
   */
  rssAtReadyBytes: number;
  rssAfterSeedingBytes: number;
  seeded: { users: number; cleanings: number; readerCleanings: number };
  scenarios: ScenarioResult[];
  /**
   * PostgreSQL only (for PGlite there is no server a second process could query): the same
   * request as GET cleaning REST to the same-work and one-query floors, the FastAPI peer, the
   * diagnostic app-handler-without-Next; log-in's and register's own requests to their floors.
   */
  baselines: ScenarioResult[];
  /**
   * Raw argon2id, measured right before each round of log-in (verify) and register (hash) with
   * the app idle, in the order they ran: the machine's speed drifts over minutes, so each round is
   * compared with its own neighbour in time.
   */
  argon2: Argon2Measurement[];
  /** Whether a password hash the app stored used the parameters of the argon2 baseline (PostgreSQL only). */
  appHashMatchesBaseline: boolean | undefined;
  /** The marketplace written for the jobs-search and feed scenarios, and their query plans. */
  marketplace: MarketplaceData | undefined;
};

export type TargetResult = {
  target: string;
  database: DatabaseKind | "both";
  measured: number | undefined;
  comparison: ">=" | "<=" | "<";
  threshold: number;
  unit: "ratio" | "MiB" | "ms";
  /** Undefined when the figure could not be measured in this run. */
  met: boolean | undefined;
  note: string;
};

export type BenchResult = {
  mode: "quick" | "full";
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryBytes: number; node: string; kernel: string };
  nextBuildId: string;
  /** Set when sources were modified after the build: the figures may describe older code. */
  staleBuild: string | undefined;
  /** Which server ran the app (see server.ts). */
  server: AppServerKind;
  /** NODE_OPTIONS the app server ran with (empty: Node's defaults). */
  serverNodeOptions: string;
  gitCommit: string | undefined;
  runs: DatabaseRun[];
  targets: TargetResult[];
  /** Errors and non-2xx answers: any of them fails the run. */
  problems: string[];
  /** Scenarios during which other processes took a noticeable share of the CPU: re-run them. */
  disturbances: string[];
};

/** Above this share of the machine's CPU taken by other processes, a scenario's figures are suspect. */
const DISTURBED_CPU_SHARE = 0.05;

const MIB = 1024 * 1024;
/** Issue 14: the whole server (every process) under the GET scenarios, and at rest after start. */
const RSS_PEAK_LIMIT_MIB: Record<DatabaseKind, number> = { postgres: 300, pglite: 600 };
const RSS_IDLE_LIMIT_MIB: Partial<Record<DatabaseKind, number>> = { postgres: 200 };

const scenario = (run: DatabaseRun | undefined, id: string) =>
  [...(run?.scenarios ?? []), ...(run?.baselines ?? [])].find((result) => result.id === id);

const ratio = (numerator: number | undefined, denominator: number | undefined) =>
  numerator === undefined || denominator === undefined || denominator === 0
    ? undefined
    : numerator / denominator;

const rawRates = (run: DatabaseRun, operation: Argon2Operation) =>
  run.argon2.filter((raw) => raw.operation === operation).map((raw) => raw.perSecond);

/**
 * A password scenario's req/s ÷ the raw rate of its argon2id operation, per round (each raw
 * measurement was taken right before its round): their median, and each round's.
 */
function passwordRatio(
  run: DatabaseRun,
  id: string,
  operation: Argon2Operation,
): { median: number | undefined; rounds: number[] } {
  const measured = scenario(run, id);
  const rounds = measured?.rounds ?? (measured ? [measured] : []);
  const raw = rawRates(run, operation);
  const ratios = rounds.flatMap((round, index) => {
    const value = ratio(round.requestsPerSecond, raw[index]);
    return value === undefined ? [] : [value];
  });
  return { median: ratios.length > 0 ? median(ratios) : undefined, rounds: ratios };
}

const roundsNote = (rounds: number[]) =>
  rounds.length > 1 ? `rounds: ${rounds.map((value) => value.toFixed(2)).join(", ")}` : undefined;

/**
 * A password target's note: its rounds, and what its floors reached against the same raw
 * measurements, so the app's ratio reads against what any server reaches on this machine.
 */
function passwordNote(
  run: DatabaseRun,
  id: string,
  operation: Argon2Operation,
  app: { rounds: number[] },
): string | undefined {
  const reached = (PASSWORD_FLOORS[id] ?? []).flatMap((floor) => {
    const { median: value, rounds } = passwordRatio(run, floor.id, operation);
    if (value === undefined) return [];
    const each = roundsNote(rounds);
    return [`${floor.name} ${value.toFixed(3)}${each ? ` (${each})` : ""}`];
  });
  const notes = [roundsNote(app.rounds), ...reached].filter(Boolean);
  return notes.length > 0 ? notes.join("; ") : undefined;
}

function target(
  fields: Omit<TargetResult, "met" | "note"> & { note?: string; missing?: string },
): TargetResult {
  const { missing, note, ...rest } = fields;
  const { measured, threshold } = rest;
  const met =
    measured === undefined
      ? undefined
      : { ">=": measured >= threshold, "<=": measured <= threshold, "<": measured < threshold }[
          rest.comparison
        ];
  return {
    ...rest,
    met,
    note: rest.measured === undefined ? (missing ?? "n/a: not run") : (note ?? ""),
  };
}

/** ", median of 3 rounds (61, 48, 55 ms)" for a scenario run in rounds; nothing otherwise. */
function p99Rounds(result: ScenarioResult | undefined): string {
  const rounds = result?.rounds;
  if (!rounds) return "";
  return `, median of ${rounds.length} rounds (${rounds.map((round) => round.latencyP99Ms).join(", ")} ms)`;
}

/** The server's RSS (all its processes): peak under the GET cleaning scenarios, and at rest. */
function rssTargets(run: DatabaseRun): TargetResult[] {
  const { database } = run;
  const peaks = [GET_CLEANING_REST, GET_CLEANING_TRPC]
    .map((id) => scenario(run, id)?.serverRssPeakBytes)
    .filter((bytes) => bytes !== undefined);
  const targets = [
    target({
      target: "server RSS peak under GET cleaning (all processes)",
      database,
      measured: peaks.length > 0 ? Math.max(...peaks) / MIB : undefined,
      comparison: "<=",
      threshold: RSS_PEAK_LIMIT_MIB[database],
      unit: "MiB",
    }),
  ];
  const idleLimit = RSS_IDLE_LIMIT_MIB[database];
  if (idleLimit !== undefined)
    targets.push(
      target({
        target: "server RSS idle after start (all processes)",
        database,
        measured: run.rssAtReadyBytes / MIB,
        comparison: "<=",
        threshold: idleLimit,
        unit: "MiB",
      }),
    );
  return targets;
}

export function evaluateTargets(runs: DatabaseRun[]): TargetResult[] {
  const targets: TargetResult[] = [];
  for (const run of runs) {
    const database = run.database;
    const rest = scenario(run, GET_CLEANING_REST);
    const trpc = scenario(run, GET_CLEANING_TRPC);
    const sameWork = scenario(run, GET_CLEANING_SAME_WORK);
    const peer = scenario(run, GET_CLEANING_FASTAPI);
    const logIn = passwordRatio(run, LOG_IN, "verify");
    const register = passwordRatio(run, REGISTER, "hash");
    const noBaselines =
      database === "pglite"
        ? "n/a: no PostgreSQL server to run the baselines against"
        : "n/a: not run";
    const noPeer =
      database === "pglite"
        ? noBaselines
        : "n/a: the FastAPI peer did not run (full runs only; the log says why when skipped)";
    targets.push(
      target({
        target: "GET cleaning REST ÷ same-work floor",
        database,
        measured: ratio(rest?.requestsPerSecond, sameWork?.requestsPerSecond),
        comparison: ">=",
        threshold: 0.6,
        unit: "ratio",
        missing: noBaselines,
      }),
      target({
        target: "GET cleaning tRPC ÷ same-work floor",
        database,
        measured: ratio(trpc?.requestsPerSecond, sameWork?.requestsPerSecond),
        comparison: ">=",
        threshold: 0.6,
        unit: "ratio",
        missing: noBaselines,
      }),
      target({
        target: "GET cleaning REST ÷ FastAPI peer, req/s",
        database,
        measured: ratio(rest?.requestsPerSecond, peer?.requestsPerSecond),
        comparison: ">=",
        threshold: 2,
        unit: "ratio",
        missing: noPeer,
      }),
      target({
        target: "GET cleaning REST ÷ FastAPI peer, p99",
        database,
        measured: ratio(rest?.latencyP99Ms, peer?.latencyP99Ms),
        comparison: "<",
        threshold: 1,
        unit: "ratio",
        missing: noPeer,
      }),
      target({
        target: "log-in req/s ÷ raw argon2id verify/s",
        database,
        measured: logIn.median,
        comparison: ">=",
        threshold: 0.9,
        unit: "ratio",
        note: passwordNote(run, LOG_IN, "verify", logIn),
      }),
      target({
        target: "register req/s ÷ raw argon2id hash/s",
        database,
        measured: register.median,
        comparison: ">=",
        threshold: 0.85,
        unit: "ratio",
        note: passwordNote(run, REGISTER, "hash", register),
      }),
      target({
        target: `p99 ÷ p50, GET cleaning REST at ${rest?.connections ?? 50} connections`,
        database,
        measured: ratio(rest?.latencyP99Ms, rest?.latencyP50Ms),
        comparison: "<=",
        threshold: 3,
        unit: "ratio",
      }),
      target({
        target: `p99 of a jobs search page at ${scenario(run, JOBS_SEARCH)?.connections ?? 10} connections${p99Rounds(scenario(run, JOBS_SEARCH))}`,
        database,
        measured: scenario(run, JOBS_SEARCH)?.latencyP99Ms,
        comparison: "<=",
        threshold: 50,
        unit: "ms",
      }),
      ...rssTargets(run),
    );
  }
  const pglite = runs.find((run) => run.database === "pglite");
  const postgres = runs.find((run) => run.database === "postgres");
  targets.push(
    target({
      target: "GET cleaning REST, PGlite ÷ PostgreSQL",
      database: "both",
      measured: ratio(
        scenario(pglite, GET_CLEANING_REST)?.requestsPerSecond,
        scenario(postgres, GET_CLEANING_REST)?.requestsPerSecond,
      ),
      comparison: ">=",
      threshold: 0.5,
      unit: "ratio",
      missing: "n/a: needs both runs (set DATABASE_URL)",
    }),
  );
  return targets;
}

/** Every error, timeout and non-2xx answer, one line per scenario; 429s are named on their own. */
export function findProblems(runs: DatabaseRun[]): string[] {
  const problems: string[] = [];
  for (const run of runs) {
    for (const result of [...run.scenarios, ...run.baselines]) {
      if (result.errors === 0 && result.non2xx === 0) continue;
      const codes = Object.entries(result.statusCodes)
        .filter(([code]) => !code.startsWith("2"))
        .map(([code, count]) => `${count}× ${code}${code === "429" ? " (rate limited)" : ""}`);
      problems.push(
        `${run.database} ${result.id}: ${result.errors} errors (${result.timeouts} timeouts), ${result.non2xx} non-2xx${codes.length ? `: ${codes.join(", ")}` : ""}`,
      );
    }
  }
  for (const run of runs)
    for (const plan of run.marketplace?.plans ?? []) {
      if (plan.sequentialScanOnCleanings || !plan.usesExpectedIndex)
        problems.push(
          `${run.database} ${plan.scenario}: the query plan does not read cleanings through ${plan.expectedIndex}, or scans it sequentially (${plan.scans.join("; ")})`,
        );
    }
  return problems;
}

export function findDisturbances(runs: DatabaseRun[]): string[] {
  return runs.flatMap((run) =>
    [
      ...[...run.scenarios, ...run.baselines].map((result) => ({
        name: result.id,
        share: result.otherCpuShare,
      })),
      ...run.argon2.map((raw) => ({
        name: `raw argon2id ${raw.operation}`,
        share: raw.otherCpuShare,
      })),
    ]
      .filter((measured) => measured.share > DISTURBED_CPU_SHARE)
      .map(
        (measured) =>
          `${run.database} ${measured.name}: other processes took ${(measured.share * 100).toFixed(0)}% of the machine's CPU`,
      ),
  );
}

const fixed = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function scenarioRow(database: string, result: ScenarioResult): string {
  const rateLimited = result.statusCodes["429"] ?? 0;
  return `| ${database} | ${result.label} | ${result.connections} | ${fixed(result.requestsPerSecond)} | ${fixed(result.latencyP50Ms, 1)} | ${fixed(result.latencyP99Ms, 1)} | ${result.errors} | ${result.non2xx} | ${rateLimited} | ${fixed(result.serverRssPeakBytes / MIB)} | ${fixed(result.serverCpuMsPerRequest, 2)} (${fixed(result.serverMainThreadCpuMsPerRequest, 2)}) | ${fixed(result.databaseCpuMsPerRequest, 2)} | ${fixed(result.otherCpuShare * 100)} |`;
}

const COMPARISON_SIGNS: Record<TargetResult["comparison"], string> = {
  ">=": "≥",
  "<=": "≤",
  "<": "<",
};

function measuredCell(result: TargetResult): string {
  if (result.measured === undefined) return result.note;
  if (result.unit === "MiB") return `${fixed(result.measured)} MiB`;
  if (result.unit === "ms") return `${fixed(result.measured, 1)} ms`;
  return result.note ? `${fixed(result.measured, 3)} (${result.note})` : fixed(result.measured, 3);
}

/** "raw argon2id (…) hash/s …, verify/s …; " with each round's rate, or nothing when not run. */
function argon2Summary(run: DatabaseRun): string {
  const [first] = run.argon2;
  if (!first) return "";
  const rates = (operation: Argon2Operation) => {
    const raw = rawRates(run, operation);
    if (raw.length === 0) return undefined;
    const each = raw.length > 1 ? ` (rounds: ${raw.map((rate) => fixed(rate, 1)).join(", ")})` : "";
    return `**${fixed(median(raw), 1)} ${operation === "hash" ? "hash" : "verify"}/s**${each}`;
  };
  const measured = [rates("hash"), rates("verify")].filter(Boolean).join(", ");
  return `raw argon2id (m=19456, t=2, p=1, ${first.concurrency} in flight, ${first.seconds} s each, measured right before each round of register and log-in, medians) ${measured}; `;
}

export function renderMarkdown(result: BenchResult): string {
  const { machine } = result;
  const lines = [
    `## Phresh benchmark, ${result.mode} run, ${result.startedAt}`,
    "",
    `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${fixed(machine.memoryBytes / 1024 ** 3)} GiB, Node ${machine.node}, Linux ${machine.kernel}; next build ${result.nextBuildId}${result.gitCommit ? `, commit ${result.gitCommit.slice(0, 10)}` : ""}.`,
    "",
    result.server === "production"
      ? "App served by apps/web/server.ts (as `pnpm start`), PHRESH_ENV=production: rate limits on; log-in and register requests each come from their own client address (X-Forwarded-For from a trusted proxy)."
      : "App served by a bare `next start`, PHRESH_ENV=development, RATE_LIMITS=off (no client addresses without server.ts).",
    "",
    ...(result.staleBuild ? [`**Warning:** ${result.staleBuild}.`, ""] : []),
    ...(result.serverNodeOptions
      ? [`App server NODE_OPTIONS: \`${result.serverNodeOptions}\`.`, ""]
      : []),
    ...result.runs.map(
      (run) =>
        `- ${run.database}: ${argon2Summary(run)}${run.rssAtFirstStartBytes === undefined ? "" : `first start (initdb) left ${fixed(run.rssAtFirstStartBytes / MIB)} MiB RSS; restarted, `}app ready in ${run.startupSeconds.toFixed(1)} s, idle at ${fixed(run.rssAtReadyBytes / MIB)} MiB RSS (all its processes); ${fixed(run.rssAfterSeedingBytes / MIB)} MiB after seeding ${run.seeded.users} users and ${run.seeded.cleanings} cleanings.`,
    ),
    "",
    "| database | scenario | conn. | req/s | p50 ms | p99 ms | errors | non-2xx | 429 | server RSS peak MiB | server CPU ms/req (main threads) | PostgreSQL CPU ms/req | other CPU % |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const run of result.runs) {
    for (const scenarioResult of run.scenarios)
      lines.push(scenarioRow(run.database, scenarioResult));
    for (const baseline of run.baselines) lines.push(scenarioRow(run.database, baseline));
  }
  lines.push(
    "",
    "| target | database | measured | wanted | met |",
    "|---|---|--:|--:|:-:|",
    ...result.targets.map(
      (entry) =>
        `| ${entry.target} | ${entry.database} | ${measuredCell(entry)} | ${COMPARISON_SIGNS[entry.comparison]} ${entry.threshold}${entry.unit === "ratio" ? "" : ` ${entry.unit}`} | ${entry.met === undefined ? "n/a" : entry.met ? "yes" : "**no**"} |`,
    ),
  );
  for (const run of result.runs) lines.push(...sideBySide(run, result.server));
  for (const run of result.runs) {
    const handler = scenario(run, GET_CLEANING_HANDLER);
    const rest = scenario(run, GET_CLEANING_REST);
    const sameWork = scenario(run, GET_CLEANING_SAME_WORK);
    if (!handler || !rest || !sameWork) continue;
    lines.push(
      "",
      `Diagnostic (${run.database}, GET cleaning): app as served ÷ the same REST handler without Next = **${fixed(rest.requestsPerSecond / handler.requestsPerSecond, 2)}**; handler without Next ÷ same-work floor = **${fixed(handler.requestsPerSecond / sameWork.requestsPerSecond, 2)}**. Server CPU per request: app ${fixed(rest.serverCpuMsPerRequest, 2)} ms, handler ${fixed(handler.serverCpuMsPerRequest, 2)} ms, same-work floor ${fixed(sameWork.serverCpuMsPerRequest, 2)} ms.`,
    );
  }
  for (const run of result.runs) lines.push(...floodSummary(run));
  for (const run of result.runs) {
    if (!run.marketplace) continue;
    const { cleanings, offers, people, plans } = run.marketplace;
    lines.push(
      "",
      `Query plans (${run.database}, ${fixed(cleanings)} cleanings, ${fixed(offers)} offers, ${fixed(people)} people written by SQL; EXPLAIN ANALYZE of page one):`,
      ...plans.map(
        (plan) =>
          `- ${plan.scenario}: ${fixed(plan.executionMs, 2)} ms; ${plan.sequentialScanOnCleanings ? "**sequential scan on cleanings**" : "no sequential scan on cleanings"}; ${plan.scans.join("; ")}`,
      ),
    );
  }
  if (result.disturbances.length > 0)
    lines.push(
      "",
      "**Disturbed (another job was using the CPU; re-run before trusting these):**",
      ...result.disturbances.map((line) => `- ${line}`),
    );
  if (result.problems.length > 0)
    lines.push("", "**Problems (the run fails):**", ...result.problems.map((line) => `- ${line}`));
  return lines.join("\n");
}

/** The req/s of each round, in the order they ran; a dash for a scenario run once. */
function roundsRange(result: ScenarioResult): string {
  return result.rounds?.map((round) => fixed(round.requestsPerSecond)).join(", ") ?? "–";
}

/**
 * Issue 14's table: GET cleaning served by the app and by its baselines, one after the other in
 * this run (in interleaved rounds in a full run), with each server's memory (all its processes).
 */
function sideBySide(run: DatabaseRun, server: AppServerKind): string[] {
  const app =
    server === "production" ? "Phresh, as `pnpm start` serves it" : "Phresh, `next start`";
  const rows = [
    { name: `${app}, REST`, id: GET_CLEANING_REST, idleBytes: run.rssAtReadyBytes },
    { name: `${app}, tRPC`, id: GET_CLEANING_TRPC, idleBytes: run.rssAtReadyBytes },
    {
      name: "the stack it replaces: FastAPI + SQLAlchemy (async, asyncpg) + PyJWT, 2 uvicorn workers, user loaded per request as fastapi-users does",
      id: GET_CLEANING_FASTAPI,
    },
    {
      name: "same-work floor: node:http + pg + jose (token, caller with revocation in one statement, cleaning)",
      id: GET_CLEANING_SAME_WORK,
    },
    {
      name: "one-query floor: node:http + pg + jose (token, cleaning; no caller check)",
      id: GET_CLEANING_BARE,
    },
  ].flatMap(({ name, id, idleBytes }) => {
    const measured = scenario(run, id);
    if (!measured) return [];
    const idle = idleBytes ?? measured.serverRssIdleBytes;
    return [
      `| ${name} | ${fixed(measured.requestsPerSecond)} | ${roundsRange(measured)} | ${fixed(measured.latencyP50Ms, 1)} | ${fixed(measured.latencyP99Ms, 1)} | ${idle === undefined ? "–" : fixed(idle / MIB)} | ${fixed(measured.serverRssPeakBytes / MIB)} | ${fixed(measured.serverCpuMsPerRequest, 2)} | ${fixed(measured.otherCpuShare * 100)} |`,
    ];
  });
  const roundCount = scenario(run, GET_CLEANING_REST)?.rounds?.length ?? 1;
  // Without a baseline there is nothing to set the app beside.
  const baselineIds = [GET_CLEANING_FASTAPI, GET_CLEANING_SAME_WORK, GET_CLEANING_BARE];
  if (!baselineIds.some((id) => scenario(run, id))) return [];
  return [
    "",
    `Side by side (${run.database}, \`GET /api/cleanings/{id}\` with a Bearer token, ${scenario(run, GET_CLEANING_REST)?.connections ?? 50} connections, one after the other${roundCount > 1 ? ` in ${roundCount} interleaved rounds; medians, and the rounds' req/s` : ""}):`,
    "",
    "| server | req/s | rounds' req/s | p50 ms | p99 ms | RSS idle MiB | RSS peak MiB | server CPU ms/req | other CPU % |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ...rows,
  ];
}

/** GET cleaning alone and beside a password-check flood: what the hashing queue protects. */
function floodSummary(run: DatabaseRun): string[] {
  const alone = scenario(run, GET_CLEANING_REST);
  const flooded = scenario(run, GET_CLEANING_UNDER_FLOOD);
  const flood = flooded?.beside;
  if (!flooded || !flood) return [];
  const answers = Object.entries(flood.statusCodes)
    .map(([code, count]) => `${count}× ${code}`)
    .join(", ");
  const before = (figure: (result: ScenarioResult) => string) =>
    alone ? `${figure(alone)} alone, ` : "";
  return [
    "",
    `Password-check flood (${run.database}): GET cleaning p99 ${before((r) => `**${fixed(r.latencyP99Ms, 1)} ms**`)}**${fixed(flooded.latencyP99Ms, 1)} ms** beside the flood (p50 ${before((r) => `${fixed(r.latencyP50Ms, 1)} ms`)}${fixed(flooded.latencyP50Ms, 1)} ms beside it; ${before((r) => `${fixed(r.requestsPerSecond)} req/s`)}${fixed(flooded.requestsPerSecond)} req/s beside it). The flood (${flood.label}): ${fixed(flood.requestsPerSecond)} req/s, answers ${answers || "none"}, ${flood.errors} connection errors (${flood.timeouts} timeouts); its 503s are the hashing queue refusing work beyond its length.`,
  ];
}

/** Writes `<directory>/<timestamp>.json` and returns its path. */
export function writeResultFile(directory: string, result: BenchResult): string {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${result.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
