// Runs one load scenario with autocannon, in its own process so that generating load does not
// share an event loop with the harness (which samples the server's memory meanwhile): a warm-up
// that is thrown away, then the measured run. Prints the outcome as one line of JSON.
// Run as: `node --import tsx load-worker.ts '<LoadSpec as JSON>'`.
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import type { LoadOutcome, LoadSpec } from "./load.ts";

const spec = JSON.parse(process.argv[2] ?? "{}") as LoadSpec;

/** For registration: a new e-mail and name on every request (names are 4–20 of [A-Za-z0-9_-]). */
function registrationBody(password: string): () => string {
  const prefix = `b${randomBytes(3).toString("hex")}`;
  let counter = 0;
  return () => {
    counter += 1;
    const name = `${prefix}-${counter}`;
    return JSON.stringify({ new_user: { email: `${name}@bench.example.com`, name, password } });
  };
}

/** A new client address per request, counting through 10.0.0.0/8 from a random start. */
function clientAddresses(): () => string {
  let next = randomBytes(3).readUIntBE(0, 3);
  return () => {
    next = (next + 1) % 0x1000000;
    return `10.${next >> 16}.${(next >> 8) & 0xff}.${next & 0xff}`;
  };
}

function setupRequest(): autocannon.Request["setupRequest"] {
  const body =
    spec.registrationPassword === undefined
      ? undefined
      : registrationBody(spec.registrationPassword);
  const client = spec.distinctClients ? clientAddresses() : undefined;
  if (!body && !client) return undefined;
  return (request) => {
    if (body) request.body = body();
    if (client) request.headers = { ...request.headers, "x-forwarded-for": client() };
    return request;
  };
}

function run(durationSeconds: number): Promise<autocannon.Result> {
  const setup = setupRequest();
  const request: autocannon.Request = {
    method: spec.method,
    path: spec.path,
    headers: spec.headers,
    ...(spec.body === undefined ? {} : { body: spec.body }),
    ...(setup ? { setupRequest: setup } : {}),
  };
  return autocannon({
    url: spec.baseUrl,
    connections: spec.connections,
    duration: durationSeconds,
    // Anything slower than this is an error worth reporting, not a latency to average.
    timeout: 10,
    requests: [request],
  });
}

function outcome(result: autocannon.Result): LoadOutcome {
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stats.count ?? 0;
  return {
    requests: result.requests.total,
    durationSeconds: result.duration,
    requestsPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}

// This process's own CPU from the warm-up's first request to the measured run's last: its start
// (node, tsx compiling this file, loading autocannon: most of a second) comes before the load and
// takes nothing from the server, so it is left out.
const cpuBeforeLoad = process.cpuUsage();
// The warm-up's request count lets the harness divide the server's CPU time by every request.
const warmUpRequests = spec.warmUpSeconds > 0 ? (await run(spec.warmUpSeconds)).requests.total : 0;
const measured = outcome(await run(spec.durationSeconds));
const { user, system } = process.cpuUsage(cpuBeforeLoad);
const cpuSecondsUnderLoad = (user + system) / 1e6;
console.log(JSON.stringify({ ...measured, warmUpRequests, cpuSecondsUnderLoad }));
