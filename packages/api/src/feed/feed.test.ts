// The activity feed (marketplace contract F1) over REST and tRPC: its events and their order,
// paging by starting_date and by cursor (ties included), the default "now" per request, every
// 422, and one statement per page.
import { testDatabaseKind } from "@phresh/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  insertCleanings,
  insertTiedCleanings,
  openCountingTestDatabase,
  setProfile,
} from "../listings/testing.ts";
import {
  createAccount,
  openTestServices,
  startTestServer,
  type TestServer,
  type TestServices,
} from "../testing.ts";
import type { CleaningFeedItem, FeedPage } from "./schemas.ts";

let services: TestServices;
let server: TestServer;
let statementCount: () => number;
let reader: Awaited<ReturnType<typeof createAccount>>;
let owner: Awaited<ReturnType<typeof createAccount>>;

beforeAll(async () => {
  const counting = await openCountingTestDatabase();
  statementCount = counting.statementCount;
  services = await openTestServices({}, counting.database);
  server = await startTestServer(services);
  reader = await createAccount(services);
  owner = await createAccount(services);
  await setProfile(services.database.prisma, owner.user.id, {
    fullName: "Olive Owner",
    image: "https://images.example.com/olive.png",
  });
});
afterAll(async () => {
  await server?.close();
  await services?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Each test writes its events in its own day of the past, and reads the feed from that day's end. */
function day(year: number): { start: Date; end: Date; at(offsetMs: number): Date } {
  const start = new Date(Date.UTC(year, 0, 1));
  return {
    start,
    end: new Date(start.getTime() + 86_400_000),
    at: (offsetMs) => new Date(start.getTime() + offsetMs),
  };
}

function getFeed(query: Record<string, string>, token = reader.token) {
  return fetch(`${server.url}/api/feed/cleanings?${new URLSearchParams(query)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

const eventKey = (item: Pick<CleaningFeedItem, "id" | "event_type">) =>
  `${item.id}:${item.event_type}`;

/** Reads pages of the given sizes by cursor, starting before `end`, up to the last page. */
async function pagesByCursor(end: Date, sizes: number[]): Promise<FeedPage[]> {
  const pages: FeedPage[] = [];
  let cursor: string | undefined;
  for (const size of sizes) {
    const page = await reader.caller.feed.cleanings({
      page_chunk_size: size,
      starting_date: end.toISOString(),
      cursor,
    });
    pages.push(page);
    if (page.next_cursor === null) break;
    cursor = page.next_cursor;
  }
  return pages;
}

describe(`the activity feed on ${testDatabaseKind}`, () => {
  it("pages of 25, 15 and 10 over 50 events neither overlap nor skip, by starting_date and by cursor", async () => {
    const window = day(2001);
    // 30 cleanings created a minute apart; 20 of them changed later: 50 events, all distinct instants.
    const specs = Array.from({ length: 30 }, (_, index) => ({
      name: `Paged ${index}`,
      ownerId: owner.user.id,
      createdAt: window.at(index * 60_000),
      updatedAt: index < 20 ? window.at(40 * 60_000 + index * 1_000) : undefined,
    }));
    const ids = await insertCleanings(services.database.prisma, specs);
    const expected = specs
      .flatMap((spec, index) => [
        { key: `${ids[index]}:is_create`, at: spec.createdAt.getTime() },
        ...(spec.updatedAt
          ? [{ key: `${ids[index]}:is_update`, at: spec.updatedAt.getTime() }]
          : []),
      ])
      .sort((a, b) => b.at - a.at)
      .map((event) => event.key);
    expect(expected).toHaveLength(50);

    // Phresh's way: the next page starts before the last event_timestamp, sent back verbatim.
    const byDate: CleaningFeedItem[][] = [];
    let startingDate = window.end.toISOString();
    for (const size of [25, 15, 10]) {
      const page = await reader.caller.feed.cleanings({
        page_chunk_size: size,
        starting_date: startingDate,
      });
      byDate.push(page.items);
      startingDate = page.items.at(-1)?.event_timestamp ?? startingDate;
    }
    expect(byDate.map((page) => page.length)).toEqual([25, 15, 10]);
    expect(byDate.flat().map(eventKey)).toEqual(expected);
    for (const page of byDate)
      expect(page.map((item) => item.row_number)).toEqual(page.map((_, index) => index + 1));

    const byCursor = await pagesByCursor(window.end, [25, 15, 10]);
    expect(byCursor.flatMap((page) => page.items).map(eventKey)).toEqual(expected);
  });

  it("pages by cursor through 200 events written in the same millisecond without skipping or repeating one", async () => {
    const window = day(2002);
    const tie = window.at(3_600_000);
    // 100 creations and 100 changes (of cleanings created an hour earlier) at the very same instant.
    await insertTiedCleanings(services.database.prisma, 100, {
      name: "Tied creation",
      ownerId: owner.user.id,
      createdAt: tie,
    });
    await insertTiedCleanings(services.database.prisma, 100, {
      name: "Tied change",
      ownerId: owner.user.id,
      createdAt: window.start,
      updatedAt: tie,
    });
    const pages = await pagesByCursor(window.end, Array(12).fill([25, 15, 10]).flat());
    const events = pages
      .flatMap((page) => page.items)
      .filter((item) => new Date(item.event_timestamp) >= window.start);
    const atTie = events.filter((item) => item.event_timestamp === tie.toISOString());
    expect(atTie).toHaveLength(200);
    expect(events).toHaveLength(300);
    expect(new Set(events.map(eventKey)).size).toBe(300);
    // The total order: newest first, then cleaning id, then update before creation.
    const order = events.map((item) => [Date.parse(item.event_timestamp), item.id] as const);
    const sorted = [...order].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    expect(order).toEqual(sorted);
  });

  it("shows a new cleaning first in the default feed after the server has run for more than 10 minutes", async () => {
    const started = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: started });
    vi.setSystemTime(started + 11 * 60_000);
    const [id] = await insertCleanings(services.database.prisma, [
      { name: "Posted after 11 minutes", ownerId: owner.user.id, createdAt: new Date() },
    ]);
    vi.setSystemTime(started + 11 * 60_000 + 1_000);
    const response = await getFeed({});
    expect(response.status).toBe(200);
    const items = (await response.json()) as CleaningFeedItem[];
    expect(items[0]).toMatchObject({ id, event_type: "is_create" });
  });

  it("gives a cleaning made through the API one creation event and a change one update event at its new updated_at", async () => {
    const created = await owner.caller.cleanings.create({ name: "Through the API", price: 10 });
    const first = await reader.caller.feed.cleanings({ page_chunk_size: 5 });
    expect(
      first.items.filter((item) => item.id === created.id).map((item) => item.event_type),
    ).toEqual(["is_create"]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const changed = await owner.caller.cleanings.update({ id: created.id, patch: { price: 12 } });
    const second = await reader.caller.feed.cleanings({ page_chunk_size: 5 });
    const events = second.items.filter((item) => item.id === created.id);
    expect(events.map((item) => [item.event_type, item.event_timestamp])).toEqual([
      ["is_update", changed.updated_at],
      ["is_create", created.created_at],
    ]);
    expect(events[0]?.price).toBe(12);
  });

  it("carries the owner's name and public profile, never an e-mail, and drops deleted cleanings", async () => {
    const window = day(2003);
    const [kept, deleted] = await insertCleanings(services.database.prisma, [
      { name: "Kept", description: "stairs", ownerId: owner.user.id, createdAt: window.at(2) },
      { name: "Deleted", ownerId: owner.user.id, createdAt: window.at(1) },
    ]);
    const [ownerless] = await insertCleanings(services.database.prisma, [
      { name: "From before accounts", ownerId: null, createdAt: window.at(0) },
    ]);
    await services.database.prisma.cleaning.delete({ where: { id: deleted } });
    const response = await getFeed({
      page_chunk_size: "2",
      starting_date: window.end.toISOString(),
    });
    const text = await response.text();
    expect(text).not.toContain("@");
    expect(JSON.parse(text)).toEqual([
      {
        id: kept,
        name: "Kept",
        description: "stairs",
        price: 50,
        cleaning_type: "spot_clean",
        created_at: window.at(2).toISOString(),
        updated_at: window.at(2).toISOString(),
        owner_id: owner.user.id,
        owner: {
          id: owner.user.id,
          name: owner.name,
          profile: { full_name: "Olive Owner", image: "https://images.example.com/olive.png" },
        },
        event_type: "is_create",
        event_timestamp: window.at(2).toISOString(),
        row_number: 1,
      },
      expect.objectContaining({ id: ownerless, owner: null, row_number: 2 }),
    ]);
  });

  it("hides every event of a deactivated account's cleanings, over tRPC and REST, until it is reactivated", async () => {
    const window = day(2007);
    const departed = await createAccount(services);
    const db = services.database.prisma;
    await insertCleanings(db, [
      { name: "Departed's new", ownerId: departed.user.id, createdAt: window.at(3) },
      {
        name: "Departed's changed",
        ownerId: departed.user.id,
        createdAt: window.at(1),
        updatedAt: window.at(4),
      },
      { name: "Staying", ownerId: owner.user.id, createdAt: window.at(2) },
    ]);
    const setActive = (isActive: boolean) =>
      db.user.update({ where: { id: departed.user.id }, data: { isActive } });
    const inWindow = (items: CleaningFeedItem[]) =>
      items
        .filter((item) => new Date(item.event_timestamp) >= window.start)
        .map((item) => `${item.name} ${item.event_type}`);
    const query = { page_chunk_size: 10, starting_date: window.end.toISOString() };
    await setActive(false);
    const page = await reader.caller.feed.cleanings(query);
    expect(inWindow(page.items)).toEqual(["Staying is_create"]);
    const response = await getFeed({ ...query, page_chunk_size: "10" });
    expect(response.status).toBe(200);
    expect(inWindow((await response.json()) as CleaningFeedItem[])).toEqual(["Staying is_create"]);
    await setActive(true);
    const again = await reader.caller.feed.cleanings(query);
    expect(inWindow(again.items)).toEqual([
      "Departed's changed is_update",
      "Departed's new is_create",
      "Staying is_create",
      "Departed's changed is_create",
    ]);
  });

  it("reads a page in the same number of statements whatever its size and however many owners it shows", async () => {
    const window = day(2004);
    const owners = await Promise.all(Array.from({ length: 5 }, () => createAccount(services)));
    await insertCleanings(
      services.database.prisma,
      Array.from({ length: 40 }, (_, index) => ({
        name: `Counted ${index}`,
        ownerId: owners[index % owners.length]?.user.id ?? null,
        createdAt: window.at(index * 1_000),
        updatedAt: index % 2 === 0 ? window.at(100_000 + index) : undefined,
      })),
    );
    const statementsFor = async (size: string) => {
      const before = statementCount();
      const response = await getFeed({
        page_chunk_size: size,
        starting_date: window.end.toISOString(),
      });
      expect(((await response.json()) as unknown[]).length).toBe(Number(size));
      return statementCount() - before;
    };
    const one = await statementsFor("1");
    const fifty = await statementsFor("50");
    // Authentication, then the page.
    expect(one).toBe(2);
    expect(fifty).toBe(one);
  });
});

describe(`GET /api/feed/cleanings on ${testDatabaseKind}`, () => {
  it("answers 401 with WWW-Authenticate: Bearer without a token", async () => {
    const response = await fetch(`${server.url}/api/feed/cleanings`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("answers a bare list and links the next page, which follows on without overlap", async () => {
    const window = day(2005);
    await insertCleanings(
      services.database.prisma,
      Array.from({ length: 5 }, (_, index) => ({
        name: `Linked ${index}`,
        ownerId: owner.user.id,
        createdAt: window.at(index),
      })),
    );
    const first = await getFeed({ page_chunk_size: "3", starting_date: window.end.toISOString() });
    expect(first.status).toBe(200);
    const firstItems = (await first.json()) as CleaningFeedItem[];
    expect(firstItems.map((item) => item.name)).toEqual(["Linked 4", "Linked 3", "Linked 2"]);
    const link = first.headers.get("link");
    expect(link).toMatch(/^<\/api\/feed\/cleanings\?.*cursor=[^>]+>; rel="next"$/);
    const next = /^<([^>]+)>/.exec(link ?? "")?.[1] ?? "";
    expect(new URL(next, server.url).searchParams.get("page_chunk_size")).toBe("3");
    const second = await fetch(new URL(next, server.url), {
      headers: { Authorization: `Bearer ${reader.token}` },
    });
    const secondItems = (await second.json()) as CleaningFeedItem[];
    expect(secondItems.slice(0, 2).map((item) => item.name)).toEqual(["Linked 1", "Linked 0"]);
    expect(secondItems[0]?.row_number).toBe(1);
  });

  it("documents its query parameters in the OpenAPI document", async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        { get: { parameters: { name: string; in: string; required: boolean }[] } }
      >;
    };
    expect(document.paths["/api/feed/cleanings"]?.get.parameters).toEqual([
      expect.objectContaining({ name: "page_chunk_size", in: "query", required: false }),
      expect.objectContaining({ name: "starting_date", in: "query", required: false }),
      expect.objectContaining({ name: "cursor", in: "query", required: false }),
    ]);
  });

  it("has no Link header on the last page", async () => {
    const response = await getFeed({ starting_date: "1970-01-01T00:00:01Z" });
    expect(await response.json()).toEqual([]);
    expect(response.headers.get("link")).toBeNull();
  });

  it("accepts a starting_date without a zone as UTC", async () => {
    const window = day(2006);
    await insertCleanings(services.database.prisma, [
      { name: "Naive", ownerId: owner.user.id, createdAt: window.at(1_000) },
    ]);
    const naive = window.at(2_000).toISOString().replace("Z", "");
    const response = await getFeed({ page_chunk_size: "1", starting_date: naive });
    expect(((await response.json()) as CleaningFeedItem[])[0]?.name).toBe("Naive");
    const exact = await getFeed({ page_chunk_size: "1", starting_date: "2006-01-01T00:00:01" });
    expect(((await exact.json()) as CleaningFeedItem[])[0]?.name).not.toBe("Naive");
  });

  const bogusCursor = btoa(JSON.stringify(["yesterday", 1, "is_create"]));
  it.each([
    ["page_chunk_size", "0"],
    ["page_chunk_size", "51"],
    ["page_chunk_size", "2.5"],
    ["page_chunk_size", "ten"],
    ["page_chunk_size", ""],
    ["starting_date", "not a date"],
    ["starting_date", "2026-02-30T00:00:00"],
    ["starting_date", ""],
    ["cursor", "%%%"],
    ["cursor", bogusCursor],
    ["cursor", "x".repeat(500)],
  ])("answers 422 on [query, %s] for %j", async (name, value) => {
    const response = await getFeed({ [name]: value });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { detail: { loc: string[] }[] };
    expect(body.detail.map((issue) => issue.loc)).toEqual([["query", name]]);
  });
});

describe(`feed.cleanings over tRPC on ${testDatabaseKind}`, () => {
  it("answers {items, next_cursor} over HTTP", async () => {
    const input = encodeURIComponent(JSON.stringify({ page_chunk_size: 1 }));
    const response = await fetch(`${server.url}/api/trpc/feed.cleanings?input=${input}`, {
      headers: { Authorization: `Bearer ${reader.token}` },
    });
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { data: FeedPage } };
    expect(result.data.items).toHaveLength(1);
    expect(result.data.next_cursor).toEqual(expect.any(String));
  });

  it.each([
    [{ page_chunk_size: 0 }, "page_chunk_size"],
    [{ page_chunk_size: 51 }, "page_chunk_size"],
    [{ starting_date: "soon" }, "starting_date"],
    [{ cursor: "not-a-cursor" }, "cursor"],
  ])("refuses %j as BAD_REQUEST on %s", async (input, field) => {
    const failure = await reader.caller.feed.cleanings(input).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe("BAD_REQUEST");
    expect(JSON.stringify((failure as TRPCError).cause)).toContain(field);
  });
});
