// What the processes of a run use, read from Linux's /proc: a server's memory (all its
// processes), and where the machine's CPU went meanwhile (another job running beside a benchmark
// skews it).
import { readdirSync, readFileSync } from "node:fs";

/** VmRSS of `pid` in bytes; undefined once the process is gone. */
function readRssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kibibytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kibibytes === undefined ? undefined : Number(kibibytes) * 1024;
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((thread) =>
      readFileSync(`/proc/${pid}/task/${thread}/children`, "utf8")
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

function descendantsAndSelf(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(descendantsAndSelf)];
}

/**
 * VmRSS of `rootPid` and all its descendants, summed, in bytes: a server may be several processes
 * (a cluster's workers, uvicorn's, `next start`'s child, tsx's esbuild service), and a machine has
 * to hold them all. Pages they share (the executable's code) count once per process, so the sum
 * overstates a little; a target met by it is met. 0 once the processes are gone.
 */
export function readTreeRssBytes(rootPid: number): number {
  return descendantsAndSelf(rootPid).reduce((sum, pid) => sum + (readRssBytes(pid) ?? 0), 0);
}

/** Samples the tree's RSS every `intervalMs` until stopped; `stop` returns the peak seen (bytes). */
export function sampleRss(rootPid: number, intervalMs = 200): { stop(): number } {
  let peak = readTreeRssBytes(rootPid);
  const timer = setInterval(() => {
    peak = Math.max(peak, readTreeRssBytes(rootPid));
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, readTreeRssBytes(rootPid));
      return peak;
    },
  };
}

/** CPU time in clock ticks of the whole machine (busy and total), from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * utime + stime (+ cutime + cstime: children already reaped) of `pid`, in clock ticks; of its
 * main thread alone with `thread`.
 */
function processTicks(pid: number, withReapedChildren: boolean, thread?: "main"): number {
  try {
    const stat = readFileSync(
      thread === "main" ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`,
      "utf8",
    );
    // Fields after the command name (which may hold spaces), from field 3 on.
    const fields = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    const [utime = 0, stime = 0, cutime = 0, cstime = 0] = fields.slice(11, 15);
    return utime + stime + (withReapedChildren ? cutime + cstime : 0);
  } catch {
    return 0;
  }
}

/** CPU ticks of every running PostgreSQL server process: work done for the app, not disturbance. */
function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
    } catch {
      continue;
    }
    ticks.set(Number(entry), processTicks(Number(entry), false));
  }
  return ticks;
}

/** Where the machine's CPU went while a scenario ran, in CPU seconds (all cores together). */
export type CpuUsage = {
  /** The server process and its helpers. */
  server: number;
  /**
   * Of `server`, its processes' main threads (the event loops): the rest is Node's and V8's
   * helper threads, among them libuv's pool where argon2 hashes.
   */
  serverMainThreads: number;
  /** PostgreSQL's processes (work done for the server; zero for PGlite, which runs inside it). */
  database: number;
  /** This harness and its finished children: the load worker. */
  loadGenerator: number;
  /** Everything else: other jobs on the machine, the kernel's own threads. */
  other: number;
  /** Wall time × cores. */
  capacity: number;
};

/**
 * Measures where the machine's CPU goes from now until `stop`, which must be called after the
 * load worker has exited (so its time is in the harness's totals). Without a server, the
 * harness's own work (the argon2 baseline) is what is measured.
 */
export function measureCpu(serverPid: number | undefined): { stop(): CpuUsage } {
  // The server's helpers count as the server (e.g. tsx's esbuild service, transforming modules
  // the server imports lazily on its first requests); its own total includes those it reaped.
  const server = () =>
    serverPid === undefined
      ? 0
      : descendantsAndSelf(serverPid).reduce(
          (sum, pid) => sum + processTicks(pid, pid === serverPid),
          0,
        );
  // Per process, so that a process that starts or ends meanwhile counts only its own ticks.
  const mainThreads = () =>
    new Map(
      (serverPid === undefined ? [] : descendantsAndSelf(serverPid)).map((pid) => [
        pid,
        processTicks(pid, false, "main"),
      ]),
    );
  const harness = () => processTicks(process.pid, true);
  const machineAtStart = machineTicks();
  const serverAtStart = server();
  const mainThreadsAtStart = mainThreads();
  const harnessAtStart = harness();
  const postgresAtStart = postgresTicks();
  return {
    stop() {
      const machine = machineTicks();
      let database = 0;
      for (const [pid, ticks] of postgresTicks())
        database += ticks - (postgresAtStart.get(pid) ?? 0);
      const serverTicks = server() - serverAtStart;
      let mainThreadTicks = 0;
      for (const [pid, ticks] of mainThreads())
        mainThreadTicks += ticks - (mainThreadsAtStart.get(pid) ?? 0);
      const loadGenerator = harness() - harnessAtStart;
      const busy = machine.busy - machineAtStart.busy;
      const seconds = (ticks: number) => ticks / TICKS_PER_SECOND;
      return {
        server: seconds(serverTicks),
        serverMainThreads: seconds(mainThreadTicks),
        database: seconds(database),
        loadGenerator: seconds(loadGenerator),
        other: seconds(Math.max(0, busy - serverTicks - database - loadGenerator)),
        capacity: seconds(machine.total - machineAtStart.total),
      };
    },
  };
}
