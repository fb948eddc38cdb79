// The side-by-side servers of GET cleaning run in interleaved rounds (app REST, app tRPC, the
// floors, the peer; then again), and each is reported by its medians: issue 14's own method
// ("three 10 s rounds after a warm-up, medians"). This VM's speed drifts by up to twice between
// minutes, so one run of each, a minute apart, could set a fast stretch of one server beside a
// slow stretch of another; interleaving gives every server a share of each stretch.
import type { ScenarioResult } from "./load.ts";

/** One round's figures, kept in the results file beside the medians. */
export type RoundFigures = Pick<
  ScenarioResult,
  | "requestsPerSecond"
  | "latencyP50Ms"
  | "latencyP99Ms"
  | "serverCpuMsPerRequest"
  | "serverRssPeakBytes"
  | "otherCpuShare"
>;

export function median(values: number[]): number {
  if (values.length === 0) throw new Error("bench: the median of no values");
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * One scenario's rounds as one result: rates, latencies and CPU per request by their medians;
 * counts (requests, errors, status codes) summed, so that a failure in any round fails the run;
 * the RSS peak and the worst latency are the highest of any round, and so is the share of the
 * CPU other processes took (a disturbed round is reported as such).
 */
export function combineRounds(rounds: ScenarioResult[]): ScenarioResult {
  const [first] = rounds;
  if (!first) throw new Error("bench: no rounds to combine");
  if (rounds.length === 1) return first;
  const of = (pick: (round: ScenarioResult) => number) => rounds.map(pick);
  const statusCodes: Record<string, number> = {};
  for (const round of rounds)
    for (const [code, count] of Object.entries(round.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    ...first,
    requests: sum(of((round) => round.requests)),
    durationSeconds: sum(of((round) => round.durationSeconds)),
    requestsPerSecond: median(of((round) => round.requestsPerSecond)),
    latencyP50Ms: median(of((round) => round.latencyP50Ms)),
    latencyP99Ms: median(of((round) => round.latencyP99Ms)),
    latencyMaxMs: Math.max(...of((round) => round.latencyMaxMs)),
    errors: sum(of((round) => round.errors)),
    timeouts: sum(of((round) => round.timeouts)),
    non2xx: sum(of((round) => round.non2xx)),
    statusCodes,
    serverRssPeakBytes: Math.max(...of((round) => round.serverRssPeakBytes)),
    otherCpuShare: Math.max(...of((round) => round.otherCpuShare)),
    serverCpuMsPerRequest: median(of((round) => round.serverCpuMsPerRequest)),
    serverMainThreadCpuMsPerRequest: median(of((round) => round.serverMainThreadCpuMsPerRequest)),
    databaseCpuMsPerRequest: median(of((round) => round.databaseCpuMsPerRequest)),
    loadGeneratorCpuMsPerRequest: median(of((round) => round.loadGeneratorCpuMsPerRequest)),
    rounds: rounds.map((round) => ({
      requestsPerSecond: round.requestsPerSecond,
      latencyP50Ms: round.latencyP50Ms,
      latencyP99Ms: round.latencyP99Ms,
      serverCpuMsPerRequest: round.serverCpuMsPerRequest,
      serverRssPeakBytes: round.serverRssPeakBytes,
      otherCpuShare: round.otherCpuShare,
    })),
  };
}
