// The app under test on one database: its data written (the marketplace by SQL, the rest over
// HTTP), the server started on it, and what was read on the way (start-up time, idle RSS, the
// query plans), until it is stopped and its database dropped.
import path from "node:path";
import { matchesAppParameters } from "./baselines/argon2.ts";
import {
  type DatabaseKind,
  type DatabasePlace,
  prepareDatabase,
  readPasswordHash,
} from "./database.ts";
import { log, mebibytes } from "./log.ts";
import { type MarketplaceData, seedMarketplace } from "./marketplace.ts";
import type { Options } from "./options.ts";
import { readTreeRssBytes } from "./process-usage.ts";
import type { DatabaseRun } from "./report.ts";
import { FEED_PAGE, JOBS_SEARCH, MARKETPLACE_SCENARIOS } from "./scenarios.ts";
import { type Seeded, seed } from "./seed.ts";
import { idleRss, type RunningServer, startApp } from "./server.ts";

/** Whether the run measures the scenario `id` (all of them unless --scenario names some). */
export const wanted = (options: Options) => (id: string) =>
  !options.scenarios || options.scenarios.includes(id);

/** The app started on one database and seeded, with what was read on the way. */
export type AppUnderTest = Omit<DatabaseRun, "scenarios" | "baselines" | "argon2" | "seeded"> & {
  place: DatabasePlace;
  app: RunningServer;
  seeded: Seeded;
};

/**
 * Prepares `kind`'s database, writes the marketplace, starts the app and seeds it over HTTP. On
 * failure it stops what it started.
 */
export async function startAppUnderTest(
  kind: DatabaseKind,
  options: Options,
  secretKey: string,
  profileDirectory: string | undefined,
): Promise<AppUnderTest> {
  const place = await prepareDatabase(kind, options.postgresServerUrl);
  let app: RunningServer | undefined;
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
    // Written while the app is stopped: PGlite allows one process per data directory.
    let marketplace: MarketplaceData | undefined;
    if (MARKETPLACE_SCENARIOS.some(wanted(options))) {
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
    app = await startApp(appOptions);
    const startupSeconds = (performance.now() - startClock) / 1000;
    const rssAtReadyBytes = await idleRss(app);
    log(
      `[${kind}] ready in ${startupSeconds.toFixed(1)} s at ${app.url} (server pid ${app.rootPid}), RSS idle ${mebibytes(rssAtReadyBytes)}`,
    );
    const seeded = await seed(app.url, options.sizes);
    log(`[${kind}] seeded ${seeded.users} users and ${seeded.cleanings} cleanings over HTTP`);
    const rssAfterSeedingBytes = readTreeRssBytes(app.rootPid);
    const appHashMatchesBaseline = place.url
      ? matchesAppParameters((await readPasswordHash(place.url, seeded.reader.email)) ?? "")
      : undefined;
    if (appHashMatchesBaseline === false)
      throw new Error("bench: the app hashes with other argon2 parameters than the baseline");
    return {
      database: kind,
      place,
      app,
      seeded,
      startupSeconds,
      rssAtFirstStartBytes,
      rssAtReadyBytes,
      rssAfterSeedingBytes,
      appHashMatchesBaseline,
      marketplace,
    };
  } catch (error) {
    await app?.stop();
    await place.release();
    throw error;
  }
}

export async function stopAppUnderTest({ app, place }: AppUnderTest): Promise<void> {
  try {
    await app.stop();
  } finally {
    await place.release();
  }
}
