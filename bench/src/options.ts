// The command line of `pnpm bench`: which databases, scenarios and server, and how long.
import type { DatabaseKind } from "./database.ts";
import type { MarketplaceSizes } from "./marketplace.ts";
import {
  ALL_SCENARIOS,
  GET_CLEANING_FASTAPI,
  GET_CLEANING_HANDLER,
  type Timing,
} from "./scenarios.ts";
import type { SeedSizes } from "./seed.ts";
import type { AppServerKind } from "./server.ts";

export type Options = {
  mode: "quick" | "full";
  databases: DatabaseKind[];
  postgresServerUrl: string | undefined;
  timing: Timing;
  /** Interleaved rounds of GET cleaning and its baselines, reported by their medians. */
  rounds: number;
  argon2Seconds: number;
  sizes: SeedSizes;
  /** Written straight into the database for the jobs-search and feed scenarios. */
  marketplace: MarketplaceSizes;
  cpuProfile: boolean;
  /** Scenario ids to run; undefined runs all. */
  scenarios: string[] | undefined;
  server: AppServerKind;
  /** NODE_OPTIONS for the app server only (e.g. heap limits), to test a reading of the figures. */
  serverNodeOptions: string;
};

export const USAGE = `usage: pnpm bench [--quick] [--database=pglite|postgres] [--scenario=id,…] [--server=production|next-start] [--cpu-prof]
  --quick       smoke check: 2 s per scenario, no warm-up, few seeds (5,000 marketplace cleanings
                instead of 100,000), no FastAPI peer, no diagnostic (about a minute)
  --database=…  run only this database (default: PGlite, plus PostgreSQL when DATABASE_URL is set)
  --scenario=…  run only these scenarios (ids: ${ALL_SCENARIOS.join(", ")})
  --server=…    production (default): apps/web/server.ts, as pnpm start runs it; next-start: Next's
                own server, without client addresses, so with rate limits off
  --cpu-prof    write V8 CPU profiles of the app server to bench/results/profiles-<time>/
  --server-node-options="…"  NODE_OPTIONS for the app server only, e.g. --max-old-space-size=256
environment: DATABASE_URL=postgres://user@host:port/db  a server to create a throwaway database on`;

const FULL_RUN_ONLY = [GET_CLEANING_FASTAPI, GET_CLEANING_HANDLER];

function optionValue(argv: string[], name: string): string | undefined {
  return argv.find((argument) => argument.startsWith(`${name}=`))?.slice(name.length + 1);
}

export function parseOptions(argv: string[], environment: NodeJS.ProcessEnv): Options {
  const flags = new Set(argv.filter((argument) => !argument.includes("=")));
  for (const argument of argv) {
    const known =
      ["--quick", "--cpu-prof"].includes(argument) ||
      /^--(database|scenario|server|server-node-options)=/.test(argument);
    if (!known) throw new Error(`${USAGE}\nunknown argument: ${argument}`);
  }
  const only = optionValue(argv, "--database");
  const scenarios = optionValue(argv, "--scenario")?.split(",");
  const server = optionValue(argv, "--server") ?? "production";
  if (server !== "production" && server !== "next-start")
    throw new Error(`${USAGE}\n--server must be production or next-start`);
  const unknownScenario = scenarios?.find((id) => !ALL_SCENARIOS.includes(id));
  if (unknownScenario) throw new Error(`${USAGE}\nunknown scenario: ${unknownScenario}`);
  const postgresServerUrl = environment.DATABASE_URL || undefined;
  const available: DatabaseKind[] = postgresServerUrl ? ["pglite", "postgres"] : ["pglite"];
  if (only !== undefined && only !== "pglite" && only !== "postgres")
    throw new Error(`${USAGE}\n--database must be pglite or postgres`);
  if (only === "postgres" && !postgresServerUrl)
    throw new Error("bench: --database=postgres needs DATABASE_URL");
  const quick = flags.has("--quick");
  return {
    mode: quick ? "quick" : "full",
    databases: only ? [only] : available,
    postgresServerUrl,
    // Quick mode only proves that everything runs without errors: no warm-up, figures are rough.
    timing: quick
      ? { warmUpSeconds: 0, durationSeconds: 2 }
      : { warmUpSeconds: 3, durationSeconds: 10 },
    // GET cleaning and its baselines, interleaved (rounds.ts); quick mode has no time for more.
    rounds: quick ? 1 : 3,
    argon2Seconds: quick ? 1 : 5,
    sizes: quick
      ? { otherUsers: 2, cleaningsPerOtherUser: 10, readerCleanings: 50 }
      : { otherUsers: 20, cleaningsPerOtherUser: 50, readerCleanings: 50 },
    marketplace: quick
      ? { people: 200, cleanings: 5_000, offers: 15_000 }
      : { people: 2_000, cleanings: 100_000, offers: 300_000 },
    cpuProfile: flags.has("--cpu-prof"),
    server,
    serverNodeOptions: optionValue(argv, "--server-node-options") ?? "",
    // The FastAPI peer and the no-Next diagnostic explain the full run's figures; quick mode has
    // no time for them (nor CI the peer's Python packages).
    scenarios:
      scenarios ?? (quick ? ALL_SCENARIOS.filter((id) => !FULL_RUN_ONLY.includes(id)) : undefined),
  };
}
