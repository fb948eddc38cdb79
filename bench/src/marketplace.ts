// The marketplace's data for the feed and jobs-search scenarios: many people, cleanings and
// offers, written straight into the database with generate_series (through the API it would take
// hours), then the query plans of the two scenarios' statements. Runs while the app is stopped
// (PGlite allows one process per data directory), through @phresh/db like the app itself.
import { feedPageStatement, jobSearchInputSchema, jobSearchStatement } from "@phresh/api";
import { type DatabaseTarget, openDatabase, Prisma } from "@phresh/db";

export type MarketplaceSizes = { people: number; cleanings: number; offers: number };

/** The jobs-search scenario's query: a word in about 1% of descriptions, and a type. */
export const JOBS_SEARCH_QUERY = { q: "oven", type: "full_clean" } as const;

/** One of the scenario statements' plans: what scans cleanings, and the whole plan as text. */
export type QueryPlan = {
  scenario: string;
  /** Each scan node as "<node type> on <relation> using <index>", in plan order. */
  scans: string[];
  /** True when some node reads cleanings sequentially (a failure: the indexes were not used). */
  sequentialScanOnCleanings: boolean;
  /** The index the statement is built for; a plan without it fails the run. */
  expectedIndex: string;
  usesExpectedIndex: boolean;
  executionMs: number;
  text: string;
};

export type MarketplaceData = MarketplaceSizes & { plans: QueryPlan[] };

// Descriptions combine words of different frequencies, as real ones do: a room (1 in 13), a
// thing (1 in 97, e.g. "oven") and a manner (1 in 11); a third of the jobs have none.
const ROOMS = [
  "kitchen",
  "bathroom",
  "attic",
  "garage",
  "office",
  "stairwell",
  "balcony",
  "cellar",
  "hallway",
  "bedroom",
  "nursery",
  "porch",
  "studio",
];
const MANNERS = [
  "quick",
  "deep",
  "gentle",
  "thorough",
  "weekly",
  "monthly",
  "urgent",
  "careful",
  "eco-friendly",
  "detailed",
  "spotless",
];
const THINGS = Array.from(
  { length: 97 },
  (_, index) =>
    [
      "oven",
      "windows",
      "carpets",
      "tiles",
      "fridge",
      "curtains",
      "shelves",
      "mirrors",
      "floors",
      "grout",
    ][index] ?? `item${index}`,
);

const textArray = (values: string[]) => Prisma.sql`ARRAY[${Prisma.join(values)}]::text[]`;

function seedStatements(sizes: MarketplaceSizes): Prisma.Sql[] {
  const { people, cleanings, offers } = sizes;
  return [
    Prisma.sql`INSERT INTO users (id, email, name, name_key, hashed_password, is_verified)
      SELECT gen_random_uuid(), 'market-' || n || '@bench.example.com', 'market_' || n,
             'market_' || n, '!no-login', true
      FROM generate_series(1, ${people}::int) AS n`,
    Prisma.sql`INSERT INTO profiles (user_id, full_name, image)
      SELECT id, 'Market person ' || name,
             CASE WHEN right(name, 1) IN ('0', '2', '4', '6', '8')
                  THEN 'https://images.example.com/' || name || '.png' END
      FROM users WHERE email LIKE 'market-%' ON CONFLICT (user_id) DO NOTHING`,
    // Newest last, one a minute; a fifth were changed half an hour after their creation.
    Prisma.sql`WITH owners AS (
        SELECT id, row_number() OVER (ORDER BY name_key) - 1 AS k FROM users WHERE email LIKE 'market-%'
      )
      INSERT INTO cleanings (name, description, price, cleaning_type, owner_id, created_at, updated_at)
      SELECT initcap((${textArray(ROOMS)})[1 + n % 13]) || ' job ' || n,
             CASE WHEN n % 3 <> 0 THEN
               (${textArray(MANNERS)})[1 + n % 11] || ' clean of the ' || (${textArray(ROOMS)})[1 + n % 13]
               || ', mostly the ' || (${textArray(THINGS)})[1 + n % 97] END,
             (10 + (n * 37) % 490)::numeric + (n % 4) * 0.25,
             (ARRAY['dust_up', 'spot_clean', 'full_clean'])[1 + n % 3]::"CleaningType",
             owners.id, created, CASE WHEN n % 5 = 0 THEN created + interval '30 minutes' ELSE created END
      FROM generate_series(1, ${cleanings}::int) AS n
      CROSS JOIN LATERAL (SELECT now() - interval '1 day' - (${cleanings}::int - n) * interval '1 minute' AS created) AS at
      JOIN owners ON owners.k = n % ${people}::int`,
    // Offer n is on job k = n % cleanings, by person k + 2 + n / cleanings (job k's owner is
    // person k + 1): no one offers on their own job or twice. Every tenth job has its first offer
    // accepted (or, every twentieth, completed): those jobs are no longer open.
    Prisma.sql`WITH people AS (
        SELECT id, row_number() OVER (ORDER BY name_key) - 1 AS k FROM users WHERE email LIKE 'market-%'
      ), jobs AS (
        SELECT id, owner_id, row_number() OVER (ORDER BY id) - 1 AS k FROM cleanings WHERE name LIKE '% job %'
      )
      INSERT INTO offers (user_id, cleaning_id, status)
      SELECT people.id, jobs.id,
             CASE WHEN n >= ${cleanings}::int OR jobs.k % 10 <> 0 THEN 'pending'
                  WHEN jobs.k % 20 = 0 THEN 'completed' ELSE 'accepted' END::"OfferStatus"
      FROM generate_series(0, ${offers}::int - 1) AS n
      JOIN jobs ON jobs.k = n % ${cleanings}::int
      JOIN people ON people.k = (jobs.k + 2 + n / ${cleanings}::int) % ${people}::int
      WHERE people.id <> jobs.owner_id`,
    // What autovacuum does after a bulk load on PostgreSQL (PGlite has none): statistics for
    // the planner and the visibility map for index-only scans.
    Prisma.sql`VACUUM ANALYZE`,
  ];
}

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
};

function scansOf(node: PlanNode): PlanNode[] {
  const own = node["Relation Name"] || node["Index Name"] ? [node] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}

async function explain(
  prisma: Awaited<ReturnType<typeof openDatabase>>["prisma"],
  scenario: string,
  expectedIndex: string,
  statement: Prisma.Sql,
): Promise<QueryPlan> {
  const analyze = () =>
    prisma.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }[]>(
      Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`,
    );
  // The first run reads the pages from disk; the second shows the statement as load will see it.
  await analyze();
  const [json] = await analyze();
  const text = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${statement}`);
  const plan = json?.["QUERY PLAN"][0];
  if (!plan) throw new Error(`bench: no plan for ${scenario}`);
  const scans = scansOf(plan.Plan);
  const onCleanings = scans.filter(
    (node) => node["Relation Name"] === "cleanings" || node["Index Name"]?.startsWith("cleanings"),
  );
  return {
    scenario,
    scans: scans.map(
      (node) =>
        `${node["Node Type"]}${node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}${node["Index Name"] ? ` using ${node["Index Name"]}` : ""}`,
    ),
    sequentialScanOnCleanings: onCleanings.some((node) => node["Node Type"] === "Seq Scan"),
    expectedIndex,
    usesExpectedIndex: scans.some((node) => node["Index Name"] === expectedIndex),
    executionMs: plan["Execution Time"],
    text: text.map((row) => row["QUERY PLAN"]).join("\n"),
  };
}

/**
 * Writes the marketplace into the database `target` names (migrating it first, as the app
 * would), then explains the scenarios' statements, page one as the app runs it.
 */
export async function seedMarketplace(
  target: DatabaseTarget,
  sizes: MarketplaceSizes,
  scenarios: { feed: string; jobs: string },
): Promise<MarketplaceData> {
  const database = await openDatabase(target);
  try {
    for (const statement of seedStatements(sizes)) await database.prisma.$executeRaw(statement);
    const caller = crypto.randomUUID();
    const pageSize = 20;
    const plans = [
      await explain(
        database.prisma,
        scenarios.feed,
        "cleanings_created_at_id_idx",
        feedPageStatement({ size: pageSize + 1, before: new Date(), cursor: undefined }),
      ),
      await explain(
        database.prisma,
        scenarios.jobs,
        // A typed search reads its type's own full-text index (migration typed_job_search).
        `cleanings_search_${JOBS_SEARCH_QUERY.type}`,
        jobSearchStatement(
          { ...jobSearchInputSchema.parse(JOBS_SEARCH_QUERY), size: pageSize + 1 },
          caller,
        ),
      ),
    ];
    return { ...sizes, plans };
  } finally {
    await database.close();
  }
}
