// Summarizes a V8 CPU profile (`pnpm bench --cpu-prof` writes them): where the server spent its
// time, by function (self time) and by package, so a missed target can be explained.
// Usage: `tsx src/profile-summary.ts <file.cpuprofile> [--top=25] [--last=<seconds>]`; with
// `--scenario=<id>` the bench stops the server right after that scenario, so `--last=13` (warm-up
// plus measurement) keeps only the load and leaves start-up and seeding out.
import { readFileSync } from "node:fs";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame };
type CpuProfile = {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

/** Where a script comes from: its npm package, Next's server bundle, Node itself, or V8. */
function origin(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node: (Node.js built-ins)";
  const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  const last = packages.at(-1)?.[1];
  if (last && last !== ".pnpm") return last;
  if (url.includes("/.next/server/")) return ".next/server (bundled app, tRPC, Prisma client, zod)";
  return url;
}

function top(totals: Map<string, number>, count: number, all: number): string[] {
  return [...totals.entries()]
    .sort((left, right) => right[1] - left[1])
    .slice(0, count)
    .map(
      ([name, micros]) =>
        `${(micros / 1000).toFixed(0).padStart(7)} ms ${((micros / all) * 100).toFixed(1).padStart(5)}%  ${name}`,
    );
}

const [file] = process.argv.slice(2).filter((argument) => !argument.startsWith("--"));
const option = (name: string) =>
  process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1];
if (!file) {
  console.error(
    "usage: tsx src/profile-summary.ts <file.cpuprofile> [--top=25] [--last=<seconds>]",
  );
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
const lastSeconds = option("last");
// Sample times are relative: the deltas add up from startTime (microseconds).
const windowStart = lastSeconds ? profile.endTime - Number(lastSeconds) * 1e6 : profile.startTime;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const byFunction = new Map<string, number>();
const byOrigin = new Map<string, number>();
let all = 0;
let clock = profile.startTime;
profile.samples.forEach((id, index) => {
  const node = nodes.get(id);
  const micros = profile.timeDeltas[index] ?? 0;
  clock += micros;
  if (!node || clock < windowStart) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    ? ` ${url.replace(/^.*\/(node_modules|\.next)\//, "$1/")}:${lineNumber + 1}`
    : "";
  const name = `${functionName || "(anonymous)"}${where}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const from = origin(url, functionName);
  byOrigin.set(from, (byOrigin.get(from) ?? 0) + micros);
  all += micros;
});
const count = Number(option("top") ?? 25);
console.log(`${file}: ${(all / 1e6).toFixed(1)} s sampled\n\nself time by package:`);
console.log(top(byOrigin, count, all).join("\n"));
console.log("\nself time by function:");
console.log(top(byFunction, count, all).join("\n"));
