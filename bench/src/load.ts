// One load scenario: autocannon in a separate process (load-worker.ts) against a server on
// loopback, for a fixed time, while the harness samples the server's RSS every 200 ms and
// accounts for the machine's CPU (server, PostgreSQL, load generator, anything else).
import path from "node:path";
import { type CpuUsage, measureCpu, sampleRss } from "./process-usage.ts";
import { benchDirectory, startChild } from "./processes.ts";
import type { RoundFigures } from "./rounds.ts";

/** What the worker needs; plain data, since it crosses a process boundary as JSON. */
export type LoadSpec = {
  baseUrl: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Set for registration: every request then carries a new e-mail and name with this password. */
  registrationPassword?: string;
  /**
   * Every request names its own client in X-Forwarded-For, as a reverse proxy in front of many
   * users would: per-address rate limits then count each user once, as in production.
   */
  distinctClients?: boolean;
  connections: number;
  warmUpSeconds: number;
  durationSeconds: number;
};

export type LoadOutcome = {
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
};

export type Scenario = {
  id: string;
  label: string;
  spec: LoadSpec;
  /** Load sent at the same time by a worker of its own, e.g. a flood; reported, not measured. */
  beside?: { label: string; spec: LoadSpec };
};

/** What the load beside a scenario got; its refusals (503, 429) are what it is there to cause. */
export type BesideOutcome = LoadOutcome & { label: string; connections: number };

export type ScenarioResult = LoadOutcome & {
  id: string;
  label: string;
  connections: number;
  /** Peak VmRSS of the server (all its processes, summed) during warm-up and measurement, bytes. */
  serverRssPeakBytes: number;
  /** Baselines only (the app's is its run's): the server's RSS at rest after start, bytes. */
  serverRssIdleBytes?: number;
  /**
   * Share of the machine's CPU (0–1, all cores) taken by other processes meanwhile; more than a
   * few percent means the figures were disturbed by another job.
   */
  otherCpuShare: number;
  /** CPU time per completed request (warm-up included in both), ms: the server (all threads)… */
  serverCpuMsPerRequest: number;
  /** …of which its processes' main threads (the rest: helper threads, argon2's among them)… */
  serverMainThreadCpuMsPerRequest: number;
  /** …PostgreSQL's processes… */
  databaseCpuMsPerRequest: number;
  /** …and the load generator while it sent load (its start-up excluded; with a flood, both). */
  loadGeneratorCpuMsPerRequest: number;
  beside?: BesideOutcome;
  /** When the scenario ran in interleaved rounds (rounds.ts): each round; the rest are medians. */
  rounds?: RoundFigures[];
};

const workerScript = path.join(benchDirectory, "src", "load-worker.ts");

type WorkerOutcome = LoadOutcome & { warmUpRequests: number; cpuSecondsUnderLoad: number };

/** One load worker for `spec`, killed if it overruns its durations. */
function startLoadWorker(name: string, spec: LoadSpec): Promise<WorkerOutcome> {
  const worker = startChild(
    `load worker (${name})`,
    process.execPath,
    ["--import", "tsx", workerScript, JSON.stringify(spec)],
    { cwd: benchDirectory, env: { ...process.env, NODE_OPTIONS: "" } },
  );
  // Bounded by the worker's own durations; the margin covers start-up and slow last responses,
  // ample on a busy machine.
  const limitMs = (spec.warmUpSeconds + spec.durationSeconds + 120) * 1000;
  const timer = setTimeout(() => void worker.stop(1000), limitMs);
  return worker.exited.then((code) => {
    clearTimeout(timer);
    const lastLine = worker.stdout().trim().split("\n").at(-1) ?? "";
    if (code !== 0 || !lastLine.startsWith("{"))
      throw new Error(`bench: load worker for ${name} failed (exit ${code}):\n${worker.output()}`);
    return JSON.parse(lastLine) as WorkerOutcome;
  });
}

/** Runs `scenario` against the server started as `serverRootPid` (measured with its descendants). */
export async function runScenario(
  scenario: Scenario,
  serverRootPid: number,
): Promise<ScenarioResult> {
  const { spec, beside } = scenario;
  const memory = sampleRss(serverRootPid);
  const cpu = measureCpu(serverRootPid);
  const [outcome, besideOutcome] = await Promise.all([
    startLoadWorker(scenario.id, spec),
    beside && startLoadWorker(`${scenario.id}, beside`, beside.spec),
  ]);
  const serverRssPeakBytes = memory.stop();
  const usage: CpuUsage = cpu.stop();
  // The server's CPU is divided by this scenario's requests only: beside a flood it is higher.
  const allRequests = outcome.requests + outcome.warmUpRequests;
  const perRequest = (seconds: number) => (allRequests > 0 ? (seconds * 1000) / allRequests : 0);
  return {
    id: scenario.id,
    label: scenario.label,
    connections: spec.connections,
    ...outcome,
    serverRssPeakBytes,
    otherCpuShare: usage.capacity > 0 ? usage.other / usage.capacity : 0,
    serverCpuMsPerRequest: perRequest(usage.server),
    serverMainThreadCpuMsPerRequest: perRequest(usage.serverMainThreads),
    databaseCpuMsPerRequest: perRequest(usage.database),
    loadGeneratorCpuMsPerRequest: perRequest(
      outcome.cpuSecondsUnderLoad + (besideOutcome?.cpuSecondsUnderLoad ?? 0),
    ),
    ...(beside && besideOutcome
      ? {
          beside: {
            ...besideOutcome,
            label: beside.label,
            connections: beside.spec.connections,
          },
        }
      : {}),
  };
}
