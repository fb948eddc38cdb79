// Finding open jobs over REST and tRPC: full-text search, filters, sorts, keyset paging, who
// sees what (no own, assigned or completed jobs), the caller's own offer, every 422, and a fixed
// number of statements per page.
import type { PrismaClient } from "@phresh/db";
import { testDatabaseKind } from "@phresh/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCleanings, openCountingTestDatabase, setProfile } from "../listings/testing.ts";
import {
  createAccount,
  openTestServices,
  startTestServer,
  type TestServer,
  type TestServices,
} from "../testing.ts";
import { jobSearchStatement } from "./jobs.ts";
import {
  type JobSearchInput,
  type JobSearchPage,
  jobSearchInputSchema,
  type OpenJob,
} from "./schemas.ts";

let services: TestServices;
let server: TestServer;
let db: PrismaClient;
let statementCount: () => number;
let seeker: Awaited<ReturnType<typeof createAccount>>;
let owner: Awaited<ReturnType<typeof createAccount>>;

beforeAll(async () => {
  const counting = await openCountingTestDatabase();
  statementCount = counting.statementCount;
  services = await openTestServices({}, counting.database);
  server = await startTestServer(services);
  db = services.database.prisma;
  seeker = await createAccount(services);
  owner = await createAccount(services);
  await setProfile(db, owner.user.id, {
    fullName: "Olive Owner",
    image: "https://images.example.com/olive.png",
  });
});
afterAll(async () => {
  await server?.close();
  await services?.close();
});

let wordCounter = 0;
/** A word no other test's cleanings contain, so each test searches its own rows. */
function uniqueWord(): string {
  wordCounter += 1;
  return `zyx${process.pid.toString(36)}w${wordCounter}q`;
}

const base = new Date(Date.UTC(2010, 0, 1));
const minutes = (count: number) => new Date(base.getTime() + count * 60_000);

async function offer(
  cleaningId: number,
  userId: string,
  status: "pending" | "accepted" | "rejected" | "cancelled" | "completed",
) {
  await db.offer.create({ data: { cleaningId, userId, status } });
}

function getJobs(query: Record<string, string>, token = seeker.token) {
  return fetch(`${server.url}/api/jobs?${new URLSearchParams(query)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** Every page of a search, by cursor. */
async function allPages(input: JobSearchInput): Promise<JobSearchPage[]> {
  const pages: JobSearchPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await seeker.caller.jobs.search({ ...input, cursor });
    pages.push(page);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && pages.length < 20);
  return pages;
}

describe(`the open jobs search on ${testDatabaseKind}`, () => {
  it("finds jobs by a word of their description or name, stemmed, and not those without it", async () => {
    const word = uniqueWord();
    const [inDescription, inName] = await insertCleanings(db, [
      {
        name: "Kitchen",
        description: `Scrubbing the ${word} ovens`,
        ownerId: owner.user.id,
        createdAt: minutes(1),
      },
      { name: `Garage ${word}`, ownerId: owner.user.id, createdAt: minutes(2) },
      { name: "Attic", description: "dusty", ownerId: owner.user.id, createdAt: minutes(3) },
    ]);
    const page = await seeker.caller.jobs.search({ q: word });
    expect(page.items.map((job) => job.id)).toEqual([inName, inDescription]);
    const stemmed = await seeker.caller.jobs.search({ q: `${word} oven` });
    expect(stemmed.items.map((job) => job.id)).toEqual([inDescription]);
  });

  it("filters by type and by a price range, bounds included", async () => {
    const word = uniqueWord();
    const [cheap, middle, dear, otherType] = await insertCleanings(
      db,
      [
        { price: 10, cleaningType: "full_clean" as const },
        { price: 20, cleaningType: "full_clean" as const },
        { price: 30.5, cleaningType: "full_clean" as const },
        { price: 20, cleaningType: "dust_up" as const },
      ].map((fields, index) => ({
        ...fields,
        name: `${word} ${index}`,
        ownerId: owner.user.id,
        createdAt: minutes(10 + index),
      })),
    );
    const ids = async (input: JobSearchInput) =>
      (await seeker.caller.jobs.search({ q: word, sort: "price_asc", ...input })).items.map(
        (job) => job.id,
      );
    expect(await ids({ type: "full_clean" })).toEqual([cheap, middle, dear]);
    expect(await ids({ min_price: 20, max_price: 30.5 })).toEqual([middle, otherType, dear]);
    expect(await ids({ type: "full_clean", min_price: 20, max_price: 20 })).toEqual([middle]);
    expect(await ids({ max_price: 9.99 })).toEqual([]);
  });

  it.each([
    ["newest", (a: OpenJob, b: OpenJob) => b.created_at.localeCompare(a.created_at) || b.id - a.id],
    ["price_asc", (a: OpenJob, b: OpenJob) => a.price - b.price || a.id - b.id],
    ["price_desc", (a: OpenJob, b: OpenJob) => b.price - a.price || b.id - a.id],
  ] as const)("pages %s by cursor without overlap or gap, ties included", async (sort, order) => {
    const word = uniqueWord();
    // 45 jobs over 5 prices and 9 instants: many share a price or a creation instant.
    const ids = await insertCleanings(
      db,
      Array.from({ length: 45 }, (_, index) => ({
        name: `${word} ${index}`,
        price: 10 + (index % 5) * 2.5,
        ownerId: owner.user.id,
        createdAt: minutes(100 + (index % 9)),
      })),
    );
    const pages = await allPages({ q: word, sort, limit: 20 });
    expect(pages.map((page) => page.items.length)).toEqual([20, 20, 5]);
    expect(pages.at(-1)?.next_cursor).toBeNull();
    const seen = pages.flatMap((page) => page.items);
    expect(new Set(seen.map((job) => job.id))).toEqual(new Set(ids));
    expect(seen).toEqual([...seen].sort(order));
  });

  it("leaves out the caller's own jobs and those with an accepted or completed offer", async () => {
    const word = uniqueWord();
    const other = await createAccount(services);
    const [open, own, assigned, completed, reopened] = await insertCleanings(
      db,
      [owner, seeker, owner, owner, owner].map((account, index) => ({
        name: `${word} ${index}`,
        ownerId: account.user.id,
        createdAt: minutes(200 + index),
      })),
    );
    const [ownerless] = await insertCleanings(db, [
      { name: `${word} ownerless`, ownerId: null, createdAt: minutes(210) },
    ]);
    await offer(assigned as number, other.user.id, "accepted");
    await offer(completed as number, other.user.id, "completed");
    await offer(reopened as number, other.user.id, "cancelled");
    await offer(open as number, other.user.id, "pending");
    const page = await seeker.caller.jobs.search({ q: word });
    expect(page.items.map((job) => job.id)).toEqual([reopened, open]);
    expect(page.items.map((job) => job.id)).not.toContain(own);
    expect(page.items.map((job) => job.id)).not.toContain(ownerless);
  });

  it("leaves out the jobs of a deactivated account, over tRPC and REST, and lists them again once it is reactivated", async () => {
    const word = uniqueWord();
    const departed = await createAccount(services);
    const [hidden, shown] = await insertCleanings(db, [
      { name: `${word} departed`, ownerId: departed.user.id, createdAt: minutes(251) },
      { name: `${word} staying`, ownerId: owner.user.id, createdAt: minutes(250) },
    ]);
    const setActive = (isActive: boolean) =>
      db.user.update({ where: { id: departed.user.id }, data: { isActive } });
    await setActive(false);
    const page = await seeker.caller.jobs.search({ q: word });
    expect(page.items.map((job) => job.id)).toEqual([shown]);
    const response = await getJobs({ q: word });
    expect(response.status).toBe(200);
    expect(((await response.json()) as OpenJob[]).map((job) => job.id)).toEqual([shown]);
    await setActive(true);
    const again = await seeker.caller.jobs.search({ q: word });
    expect(again.items.map((job) => job.id)).toEqual([hidden, shown]);
  });

  it("tells the caller their own offer's status and counts every offer", async () => {
    const word = uniqueWord();
    const [offered, untouched] = await insertCleanings(db, [
      { name: `${word} a`, ownerId: owner.user.id, createdAt: minutes(301) },
      { name: `${word} b`, ownerId: owner.user.id, createdAt: minutes(300) },
    ]);
    const others = await Promise.all([createAccount(services), createAccount(services)]);
    await offer(offered as number, seeker.user.id, "pending");
    await offer(offered as number, others[0].user.id, "pending");
    await offer(untouched as number, others[1].user.id, "rejected");
    const page = await seeker.caller.jobs.search({ q: word });
    expect(
      page.items.map((job) => [job.id, job.total_offers, job.my_offer_status] as const),
    ).toEqual([
      [offered, 2, "pending"],
      [untouched, 1, null],
    ]);
    const theirs = await others[0].caller.jobs.search({ q: word });
    expect(theirs.items[0]?.my_offer_status).toBe("pending");
  });

  it("reads a page in the same number of statements whatever its size, owners and offers", async () => {
    const word = uniqueWord();
    const owners = await Promise.all(Array.from({ length: 4 }, () => createAccount(services)));
    const ids = await insertCleanings(
      db,
      Array.from({ length: 30 }, (_, index) => ({
        name: `${word} ${index}`,
        ownerId: owners[index % owners.length]?.user.id ?? null,
        createdAt: minutes(400 + index),
      })),
    );
    for (const [index, id] of ids.entries())
      await offer(id, owners[(index + 1) % owners.length]?.user.id ?? "", "pending");
    const statementsFor = async (limit: string) => {
      const before = statementCount();
      const response = await getJobs({ q: word, limit });
      expect(((await response.json()) as unknown[]).length).toBe(Number(limit));
      return statementCount() - before;
    };
    const one = await statementsFor("1");
    const thirty = await statementsFor("30");
    // Authentication, then the page.
    expect(one).toBe(2);
    expect(thirty).toBe(one);
  });

  it("searches a type through that type's own full-text index, in the plan a prepared statement settles on", async () => {
    // The plan PostgreSQL keeps for a prepared statement after its fifth run is generic: it must
    // hold for any parameter, so a type passed as one could not use the type's partial index.
    const indexesFor = async (input: JobSearchInput) => {
      const statement = jobSearchStatement(
        { ...jobSearchInputSchema.parse(input), size: 21 },
        seeker.user.id,
      );
      const plan = await db.$transaction(async (tx) => {
        // The test's tables are small enough to read whole; the app's are not.
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        await tx.$executeRaw`SET LOCAL plan_cache_mode = force_generic_plan`;
        await tx.$executeRawUnsafe(`PREPARE job_search_plan AS ${statement.text}`);
        // EXECUTE takes literals only; the test's own values, quoted.
        const literals = statement.values.map(
          (value) => `'${String(value).replaceAll("'", "''")}'`,
        );
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
          `EXPLAIN (FORMAT JSON) EXECUTE job_search_plan(${literals.join(", ")})`,
        );
        await tx.$executeRawUnsafe("DEALLOCATE job_search_plan");
        return JSON.stringify(rows);
      });
      return [...plan.matchAll(/"Index Name":"(\w+)"/g)].map((match) => match[1]);
    };
    expect(await indexesFor({ q: "oven", type: "spot_clean" })).toContain(
      "cleanings_search_spot_clean",
    );
    expect(await indexesFor({ q: "oven" })).toContain("cleanings_search");
  });

  it("writes new jobs into every full-text index at once, so no search reads a pending list", async () => {
    // With GIN's fast update, new entries wait in a list that each search reads whole until a
    // vacuum merges it: 15,000 new cleanings halved the bench's searches/s (migration
    // search_indexes_without_pending_list), and the embedded database never vacuums.
    const indexes = await db.$queryRaw<{ name: string; options: string[] | null }[]>`
      SELECT index.relname AS name, index.reloptions AS options
      FROM pg_index JOIN pg_class index ON index.oid = pg_index.indexrelid
      JOIN pg_am ON pg_am.oid = index.relam
      WHERE pg_index.indrelid = 'cleanings'::regclass AND pg_am.amname = 'gin'
      ORDER BY index.relname`;
    expect(indexes.map((index) => index.name)).toEqual([
      "cleanings_search",
      "cleanings_search_dust_up",
      "cleanings_search_full_clean",
      "cleanings_search_spot_clean",
    ]);
    for (const index of indexes)
      expect(index.options ?? [], index.name).toContain("fastupdate=off");
  });
});

describe(`GET /api/jobs on ${testDatabaseKind}`, () => {
  it("answers 401 with WWW-Authenticate: Bearer without a token", async () => {
    const response = await fetch(`${server.url}/api/jobs`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("answers a bare list of public fields and links the next page", async () => {
    const word = uniqueWord();
    const [second, first] = await insertCleanings(db, [
      { name: `${word} 1`, description: "floors", ownerId: owner.user.id, createdAt: minutes(500) },
      { name: `${word} 2`, ownerId: owner.user.id, createdAt: minutes(501), price: 75.25 },
    ]);
    const response = await getJobs({ q: word, limit: "1", sort: "newest" });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("@");
    expect(JSON.parse(text)).toEqual([
      {
        id: first,
        name: `${word} 2`,
        description: null,
        price: 75.25,
        cleaning_type: "spot_clean",
        created_at: minutes(501).toISOString(),
        updated_at: minutes(501).toISOString(),
        owner_id: owner.user.id,
        owner: {
          id: owner.user.id,
          name: owner.name,
          profile: { full_name: "Olive Owner", image: "https://images.example.com/olive.png" },
        },
        total_offers: 0,
        my_offer_status: null,
      },
    ]);
    const link = response.headers.get("link") ?? "";
    expect(link).toMatch(/^<\/api\/jobs\?.*cursor=[^>]+>; rel="next"$/);
    const next = await fetch(new URL(/^<([^>]+)>/.exec(link)?.[1] ?? "", server.url), {
      headers: { Authorization: `Bearer ${seeker.token}` },
    });
    expect(((await next.json()) as OpenJob[]).map((job) => job.id)).toEqual([second]);
    expect(next.headers.get("link")).toBeNull();
  });

  const priceCursor = btoa(JSON.stringify(["price_asc", "10.00", 1]));
  it.each([
    ["limit", "0"],
    ["limit", "51"],
    ["limit", "many"],
    ["min_price", "-1"],
    ["min_price", "cheap"],
    ["min_price", "1.234"],
    ["max_price", "100000000"],
    ["type", "deep_clean"],
    ["sort", "oldest"],
    ["cursor", "%%%"],
    ["cursor", priceCursor],
    ["q", "x".repeat(201)],
  ])("answers 422 on [query, %s] for %j", async (name, value) => {
    const response = await getJobs({ [name]: value });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { detail: { loc: string[] }[] };
    expect(body.detail.map((issue) => issue.loc)).toEqual([["query", name]]);
  });

  it("answers 422 on [query, max_price] when it is below min_price", async () => {
    const response = await getJobs({ min_price: "20", max_price: "10" });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { detail: { loc: string[] }[] };
    expect(body.detail.map((issue) => issue.loc)).toEqual([["query", "max_price"]]);
  });
});

describe(`jobs.search over tRPC on ${testDatabaseKind}`, () => {
  it("answers {items, next_cursor} over HTTP", async () => {
    const input = encodeURIComponent(JSON.stringify({ limit: 1, sort: "price_desc" }));
    const response = await fetch(`${server.url}/api/trpc/jobs.search?input=${input}`, {
      headers: { Authorization: `Bearer ${seeker.token}` },
    });
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { data: JobSearchPage } };
    expect(result.data.items).toHaveLength(1);
    expect(result.data.next_cursor).toEqual(expect.any(String));
  });

  it.each([
    [{ limit: 0 }, "limit"],
    [{ sort: "cheapest" }, "sort"],
    [{ min_price: 5, max_price: 1 }, "max_price"],
    [
      {
        cursor: btoa(JSON.stringify(["newest", "2010-01-01T00:00:00.000Z", 1])),
        sort: "price_asc",
      },
      "cursor",
    ],
  ])("refuses %j as BAD_REQUEST on %s", async (input, field) => {
    const failure = await seeker.caller.jobs
      .search(input as JobSearchInput)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe("BAD_REQUEST");
    expect(JSON.stringify((failure as TRPCError).cause)).toContain(field);
  });
});
