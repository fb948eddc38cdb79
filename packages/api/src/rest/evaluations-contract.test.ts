// The marketplace's evaluation routes (E1–E4) over real HTTP, REST and tRPC: shapes, every
// refusal in its order, concurrent duplicates, paging, the summary, and evaluations that
// outlive their cleaning.
import { testDatabaseKind } from "@phresh/db/testing";
import { describe, expect, it } from "vitest";
import { createAccount, serveDuringTests } from "../testing.ts";

const served = serveDuringTests();
const db = () => served.services.database.prisma;

type Account = Awaited<ReturnType<typeof createAccount>>;
type Json = Record<string, unknown>;
type OfferStatus = "pending" | "accepted" | "rejected" | "cancelled" | "completed";

async function send(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${served.server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected field by field
  const parsed: any = text ? JSON.parse(text) : "";
  return { status: response.status, headers: response.headers, body: parsed };
}

/** tRPC over HTTP: queries as GET with `?input=`, mutations as POST. */
async function trpc(kind: "query" | "mutation", procedure: string, token: string, input: unknown) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(
    `${served.server.url}/api/trpc/${procedure}${kind === "query" ? query : ""}`,
    {
      method: kind === "query" ? "GET" : "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: kind === "mutation" ? JSON.stringify(input) : undefined,
    },
  );
  return { status: response.status, body: (await response.json()) as Json };
}

const account = () => createAccount(served.services);

/** An owner's cleaning with the cleaner's offer in `status`, written directly (offers are another feature). */
async function job(status: OfferStatus = "accepted", name = "Attic") {
  const owner = await account();
  const cleaner = await account();
  const cleaning = await db().cleaning.create({
    data: { name, price: "80.00", ownerId: owner.user.id },
  });
  await db().offer.create({ data: { userId: cleaner.user.id, cleaningId: cleaning.id, status } });
  return { owner, cleaner, cleaning };
}

const evaluate = (owner: Account, cleanerName: string, cleaningId: number | string, body: Json) =>
  send("POST", `/api/users/${cleanerName}/evaluations/${cleaningId}`, owner.token, {
    evaluation_create: body,
  });

const offerStatus = async (cleaner: Account, cleaningId: number) =>
  (
    await db().offer.findUniqueOrThrow({
      where: { userId_cleaningId: { userId: cleaner.user.id, cleaningId } },
    })
  ).status;

describe(`REST and tRPC evaluations contract on ${testDatabaseKind}`, () => {
  it.each([
    ["POST", "/api/users/somebody/evaluations/1"],
    ["GET", "/api/users/somebody/evaluations"],
    ["GET", "/api/users/somebody/evaluations/stats"],
    ["GET", "/api/users/somebody/evaluations/1"],
    ["GET", "/api/users/x/evaluations/abc"],
  ])("answers %s %s without a token with 401, before anything else", async (method, path) => {
    const response = await send(method, path, undefined, method === "GET" ? undefined : {});
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(response.body).toEqual({ detail: "UNAUTHORIZED" });
  });

  it("evaluates the accepted cleaner with 201, completes the offer and mails the cleaner", async () => {
    const { owner, cleaner, cleaning } = await job();
    const response = await evaluate(owner, cleaner.name, cleaning.id, {
      overall_rating: 4,
      professionalism: 5,
      completeness: 3,
      efficiency: 0,
      headline: "Spotless",
      comment: "Came on time.",
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      cleaning_id: cleaning.id,
      cleaning_name: "Attic",
      cleaner_id: cleaner.user.id,
      no_show: false,
      headline: "Spotless",
      comment: "Came on time.",
      professionalism: 5,
      completeness: 3,
      efficiency: 0,
      overall_rating: 4,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(await offerStatus(cleaner, cleaning.id)).toBe("completed");
    const [mail] = await db().outboxMail.findMany({ where: { to: cleaner.email } });
    expect(mail?.subject).toContain("Attic");
    expect(mail?.text).toContain(`http://phresh.test/profiles/${cleaner.name}`);
    expect(mail?.text).toContain("4 out of 5");
  });

  it("sends no evaluation mail to a cleaner who turned marketplace mails off, and still evaluates", async () => {
    const { owner, cleaner, cleaning } = await job();
    const off = await send("PATCH", "/api/users/me/settings", cleaner.token, {
      marketplace_mails: false,
    });
    expect(off.body).toEqual({ marketplace_mails: false });
    const response = await evaluate(owner, cleaner.name, cleaning.id, { overall_rating: 5 });
    expect(response.status).toBe(201);
    expect(await db().outboxMail.count({ where: { to: cleaner.email } })).toBe(0);
  });

  it("refuses a second evaluation with 400 OFFER_NOT_ACCEPTED (the offer is completed)", async () => {
    const { owner, cleaner, cleaning } = await job();
    expect((await evaluate(owner, cleaner.name, cleaning.id, { overall_rating: 3 })).status).toBe(
      201,
    );
    const again = await evaluate(owner, cleaner.name, cleaning.id, { overall_rating: 1 });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ detail: "OFFER_NOT_ACCEPTED" });
    expect(await db().evaluation.count({ where: { cleanerId: cleaner.user.id } })).toBe(1);
  });

  it("answers 400 OFFER_NOT_ACCEPTED, never 500, when the unique key finds an evaluation already there", async () => {
    const { owner, cleaner, cleaning } = await job();
    // An evaluation the offer's status does not know about: only the (cleaning, cleaner) key guards.
    await db().evaluation.create({
      data: {
        cleaningId: cleaning.id,
        cleaningName: cleaning.name,
        cleanerId: cleaner.user.id,
        overallRating: 3,
      },
    });
    const response = await evaluate(owner, cleaner.name, cleaning.id, { overall_rating: 5 });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ detail: "OFFER_NOT_ACCEPTED" });
    // Nothing half-written: the offer is still accepted and no mail was queued.
    expect(await offerStatus(cleaner, cleaning.id)).toBe("accepted");
    expect(await db().outboxMail.count({ where: { to: cleaner.email } })).toBe(0);
  });

  it.each(["pending", "rejected", "cancelled"] as const)(
    "refuses to evaluate a %s offer with 400 OFFER_NOT_ACCEPTED and changes nothing",
    async (status) => {
      const { owner, cleaner, cleaning } = await job(status);
      const response = await evaluate(owner, cleaner.name, cleaning.id, { overall_rating: 3 });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ detail: "OFFER_NOT_ACCEPTED" });
      expect(await offerStatus(cleaner, cleaning.id)).toBe(status);
      expect(await db().outboxMail.count({ where: { to: cleaner.email } })).toBe(0);
    },
  );

  it("answers 404 OFFER_NOT_FOUND when the named user made no offer on the owner's cleaning", async () => {
    const { owner, cleaning } = await job();
    const outsider = await account();
    const response = await evaluate(owner, outsider.name, cleaning.id, { overall_rating: 3 });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: "OFFER_NOT_FOUND" });
  });

  it("answers 403 EVALUATION_NOT_OWNER to anyone but the owner, whether or not an offer exists", async () => {
    const { cleaner, cleaning } = await job();
    const stranger = await account();
    const withOffer = await evaluate(stranger, cleaner.name, cleaning.id, { overall_rating: 3 });
    expect(withOffer.status).toBe(403);
    expect(withOffer.body).toEqual({ detail: "EVALUATION_NOT_OWNER" });
    const withoutOffer = await evaluate(stranger, stranger.name, cleaning.id, {
      overall_rating: 3,
    });
    expect(withoutOffer.body).toEqual({ detail: "EVALUATION_NOT_OWNER" });
    // The cleaner cannot evaluate themselves either.
    const self = await evaluate(cleaner, cleaner.name, cleaning.id, { overall_rating: 5 });
    expect(self.body).toEqual({ detail: "EVALUATION_NOT_OWNER" });
    expect(await offerStatus(cleaner, cleaning.id)).toBe("accepted");
  });

  it("checks the cleaning (404), then the user (404), then ownership (403)", async () => {
    const { cleaning } = await job();
    const stranger = await account();
    const noCleaning = await evaluate(stranger, "nobody_here", 2_000_000_000, {
      overall_rating: 3,
    });
    expect(noCleaning.status).toBe(404);
    expect(noCleaning.body).toEqual({ detail: "CLEANING_NOT_FOUND" });
    const noUser = await evaluate(stranger, "nobody_here", cleaning.id, { overall_rating: 3 });
    expect(noUser.status).toBe(404);
    expect(noUser.body).toEqual({ detail: "USER_NOT_FOUND" });
  });

  it.each([
    ["overall_rating is missing", {}, ["overall_rating"], "missing"],
    ["overall_rating is 6", { overall_rating: 6 }, ["overall_rating"], "less_than_equal"],
    ["overall_rating is -1", { overall_rating: -1 }, ["overall_rating"], "greater_than_equal"],
    ["overall_rating is 2.5", { overall_rating: 2.5 }, ["overall_rating"], "int_type"],
    ["overall_rating is text", { overall_rating: "3" }, ["overall_rating"], "number_type"],
    [
      "professionalism is 9",
      { overall_rating: 3, professionalism: 9 },
      ["professionalism"],
      "less_than_equal",
    ],
    ["no_show is text", { overall_rating: 3, no_show: "yes" }, ["no_show"], "boolean_type"],
    ["headline is a list", { overall_rating: 3, headline: [] }, ["headline"], "string_type"],
    [
      "comment is too long",
      { overall_rating: 3, comment: "c".repeat(4001) },
      ["comment"],
      "string_too_long",
    ],
  ])(
    "refuses an evaluation where %s with 422 on that field, before any lookup",
    async (_, body, field, type) => {
      const { owner, cleaner, cleaning } = await job();
      const response = await evaluate(owner, cleaner.name, cleaning.id, body);
      expect(response.status).toBe(422);
      expect(response.body.detail).toEqual([
        { loc: ["body", "evaluation_create", ...field], msg: expect.any(String), type },
      ]);
      expect(await offerStatus(cleaner, cleaning.id)).toBe("accepted");
      // Validation comes before the cleaning lookup.
      const missing = await evaluate(owner, cleaner.name, 2_000_000_000, body);
      expect(missing.status).toBe(422);
    },
  );

  it("refuses a missing wrapper, a bad cleaning id and a malformed name with 422", async () => {
    const { owner, cleaner, cleaning } = await job();
    const noWrapper = await send(
      "POST",
      `/api/users/${cleaner.name}/evaluations/${cleaning.id}`,
      owner.token,
      { overall_rating: 3 },
    );
    expect(noWrapper.body).toEqual({
      detail: [{ loc: ["body", "evaluation_create"], msg: "Field required", type: "missing" }],
    });
    for (const id of ["abc", "0", "-1", "99999999999"]) {
      const badId = await evaluate(owner, cleaner.name, id, { overall_rating: 3 });
      expect(badId.status).toBe(422);
      expect(badId.body.detail[0].loc).toEqual(["path", "cleaning_id"]);
    }
    const badName = await evaluate(owner, "a.b", cleaning.id, { overall_rating: 3 });
    expect(badName.status).toBe(422);
    expect(badName.body.detail[0].loc).toEqual(["path", "name"]);
  });

  it("lets exactly one of many concurrent duplicate evaluations through; the rest get 400, never 500", async () => {
    const { owner, cleaner, cleaning } = await job();
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        evaluate(owner, cleaner.name, cleaning.id, { overall_rating: index % 6 }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status).sort();
    expect(statuses).toEqual([201, ...Array(11).fill(400)]);
    for (const refused of attempts.filter((attempt) => attempt.status === 400))
      expect(refused.body).toEqual({ detail: "OFFER_NOT_ACCEPTED" });
    expect(await db().evaluation.count({ where: { cleaningId: cleaning.id } })).toBe(1);
    expect(await db().outboxMail.count({ where: { to: cleaner.email } })).toBe(1);
  });

  it("lists a cleaner's evaluations newest first as a bare list, to any signed-in user", async () => {
    const cleaner = await account();
    const names = ["First", "Second", "Third"];
    for (const name of names) {
      const owner = await account();
      const cleaning = await db().cleaning.create({
        data: { name, price: "10.00", ownerId: owner.user.id },
      });
      await db().offer.create({
        data: { userId: cleaner.user.id, cleaningId: cleaning.id, status: "accepted" },
      });
      expect((await evaluate(owner, cleaner.name, cleaning.id, { overall_rating: 5 })).status).toBe(
        201,
      );
    }
    const viewer = await account();
    const response = await send("GET", `/api/users/${cleaner.name}/evaluations`, viewer.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("link")).toBeNull();
    expect(response.body.map((evaluation: Json) => evaluation.cleaning_name)).toEqual([
      "Third",
      "Second",
      "First",
    ]);
    const empty = await send("GET", `/api/users/${viewer.name}/evaluations`, viewer.token);
    expect(empty.body).toEqual([]);
  });

  it("pages the list with limit and the Link header's cursor, never skipping or repeating", async () => {
    const cleaner = await account();
    const owner = await account();
    // Seven evaluations, several sharing one timestamp, written directly.
    const stamp = new Date("2026-11-30T12:00:00.000Z");
    for (let index = 0; index < 7; index += 1)
      await db().evaluation.create({
        data: {
          cleaningName: `Job ${index}`,
          cleanerId: cleaner.user.id,
          overallRating: 3,
          createdAt: index < 4 ? stamp : new Date(stamp.getTime() + index * 1000),
        },
      });
    const seen: string[] = [];
    let path: string | undefined = `/api/users/${cleaner.name}/evaluations?limit=3`;
    const pageSizes: number[] = [];
    while (path) {
      const page = await send("GET", path, owner.token);
      expect(page.status).toBe(200);
      pageSizes.push(page.body.length);
      seen.push(...page.body.map((evaluation: Json) => evaluation.cleaning_name as string));
      const link = page.headers.get("link");
      path = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
      if (link) expect(path).toMatch(/limit=3/);
    }
    expect(pageSizes).toEqual([3, 3, 1]);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 3)).toEqual(["Job 6", "Job 5", "Job 4"]);

    const viaTrpc = await trpc("query", "evaluations.listForCleaner", owner.token, {
      name: cleaner.name,
      limit: 5,
    });
    const data = (viaTrpc.body.result as { data: { items: Json[]; next_cursor: string } }).data;
    expect(data.items).toHaveLength(5);
    const rest = await trpc("query", "evaluations.listForCleaner", owner.token, {
      name: cleaner.name,
      limit: 5,
      cursor: data.next_cursor,
    });
    expect(rest.body).toMatchObject({ result: { data: { next_cursor: null } } });
    expect((rest.body.result as { data: { items: Json[] } }).data.items).toHaveLength(2);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=51", "limit"],
    ["limit=abc", "limit"],
    ["cursor=nonsense", "cursor"],
    // A cursor in the right form whose id no evaluation could have.
    [`cursor=${btoa(JSON.stringify(["2026-01-01T00:00:00.000Z", 99_999_999_999]))}`, "cursor"],
  ])("refuses ?%s with 422 on the query", async (query, field) => {
    const viewer = await account();
    const response = await send(
      "GET",
      `/api/users/${viewer.name}/evaluations?${query}`,
      viewer.token,
    );
    expect(response.status).toBe(422);
    expect(response.body.detail[0].loc).toEqual(["query", field]);
  });

  it("answers 404 USER_NOT_FOUND for the list and the summary of an unknown cleaner", async () => {
    const viewer = await account();
    for (const path of [
      "/api/users/nobody_here/evaluations",
      "/api/users/nobody_here/evaluations/stats",
    ]) {
      const response = await send("GET", path, viewer.token);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ detail: "USER_NOT_FOUND" });
    }
  });

  it("summarises a cleaner with no evaluations as zeros and nulls (200, never 500)", async () => {
    const cleaner = await account();
    const response = await send(
      "GET",
      `/api/users/${cleaner.name}/evaluations/stats`,
      cleaner.token,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      avg_professionalism: null,
      avg_completeness: null,
      avg_efficiency: null,
      avg_overall_rating: null,
      min_overall_rating: null,
      max_overall_rating: null,
      one_stars: 0,
      two_stars: 0,
      three_stars: 0,
      four_stars: 0,
      five_stars: 0,
      total_evaluations: 0,
      total_no_show: 0,
    });
  });

  it("summarises with SQL averages over rated fields, 1–5 star buckets, and 0 counted only in the total", async () => {
    const cleaner = await account();
    const ratings = [
      { overallRating: 0, professionalism: 1, noShow: true },
      { overallRating: 5, professionalism: 4, efficiency: 2 },
      { overallRating: 5 },
      { overallRating: 2, completeness: 3 },
    ];
    for (const [index, rating] of ratings.entries())
      await db().evaluation.create({
        data: { cleaningName: `Job ${index}`, cleanerId: cleaner.user.id, ...rating },
      });
    const viewer = await account();
    const response = await send(
      "GET",
      `/api/users/${cleaner.name}/evaluations/stats`,
      viewer.token,
    );
    expect(response.body).toEqual({
      avg_professionalism: 2.5,
      avg_completeness: 3,
      avg_efficiency: 2,
      avg_overall_rating: 3,
      min_overall_rating: 0,
      max_overall_rating: 5,
      one_stars: 0,
      two_stars: 1,
      three_stars: 0,
      four_stars: 0,
      five_stars: 2,
      total_evaluations: 4,
      total_no_show: 1,
    });
    const viaTrpc = await trpc("query", "evaluations.stats", viewer.token, { name: cleaner.name });
    expect(viaTrpc.body).toMatchObject({ result: { data: { total_evaluations: 4 } } });
  });

  it("gets one evaluation by cleaning; 404 for the cleaning, the user, then the evaluation", async () => {
    const { owner, cleaner, cleaning } = await job();
    await evaluate(owner, cleaner.name, cleaning.id, { overall_rating: 4, no_show: true });
    const viewer = await account();
    const found = await send(
      "GET",
      `/api/users/${cleaner.name}/evaluations/${cleaning.id}`,
      viewer.token,
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      cleaning_id: cleaning.id,
      cleaner_id: cleaner.user.id,
      overall_rating: 4,
      no_show: true,
    });
    const cases = [
      [`/api/users/nobody_here/evaluations/2000000000`, "CLEANING_NOT_FOUND"],
      [`/api/users/nobody_here/evaluations/${cleaning.id}`, "USER_NOT_FOUND"],
      [`/api/users/${viewer.name}/evaluations/${cleaning.id}`, "EVALUATION_NOT_FOUND"],
    ] as const;
    for (const [path, code] of cases) {
      const response = await send("GET", path, viewer.token);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ detail: code });
    }
    const badId = await send("GET", `/api/users/${cleaner.name}/evaluations/0`, viewer.token);
    expect(badId.status).toBe(422);
    expect(badId.body.detail[0].loc).toEqual(["path", "cleaning_id"]);
    const viaTrpc = await trpc("query", "evaluations.byCleaning", viewer.token, {
      name: viewer.name,
      cleaning_id: cleaning.id,
    });
    expect(viaTrpc.status).toBe(404);
    expect(viaTrpc.body).toMatchObject({ error: { data: { errorCode: "EVALUATION_NOT_FOUND" } } });
  });

  it("routes …/evaluations/stats to the summary, never as a cleaning id", async () => {
    const viewer = await account();
    const stats = await send("GET", `/api/users/${viewer.name}/evaluations/stats`, viewer.token);
    expect(stats.status).toBe(200);
    expect(stats.body).toHaveProperty("total_evaluations", 0);
    const options = await send("OPTIONS", `/api/users/${viewer.name}/evaluations/stats`);
    expect(options.headers.get("allow")).toBe("GET, OPTIONS");
    const item = await send("OPTIONS", `/api/users/${viewer.name}/evaluations/12`);
    expect(item.headers.get("allow")).toBe("POST, GET, OPTIONS");
  });

  it("keeps evaluations when their cleaning is deleted, with its name, in the list and the summary", async () => {
    const { owner, cleaner, cleaning } = await job("accepted", "Garage");
    await evaluate(owner, cleaner.name, cleaning.id, { overall_rating: 5 });
    const deleted = await send("DELETE", `/api/cleanings/${cleaning.id}`, owner.token);
    expect(deleted.status).toBe(200);
    const list = await send("GET", `/api/users/${cleaner.name}/evaluations`, owner.token);
    expect(list.body).toMatchObject([
      { cleaning_id: null, cleaning_name: "Garage", overall_rating: 5 },
    ]);
    const stats = await send("GET", `/api/users/${cleaner.name}/evaluations/stats`, owner.token);
    expect(stats.body).toMatchObject({ total_evaluations: 1, five_stars: 1 });
  });

  it("lets an evaluation race its cleaning's deletion without a 500 or a deadlock", async () => {
    for (let round = 0; round < 6; round += 1) {
      const { owner, cleaner, cleaning } = await job("accepted", `Race ${round}`);
      const [evaluated, deleted] = await Promise.all([
        evaluate(owner, cleaner.name, cleaning.id, { overall_rating: 4 }),
        send("DELETE", `/api/cleanings/${cleaning.id}`, owner.token),
      ]);
      expect(deleted.status).toBe(200);
      // Either the evaluation came first (and survives the deletion), or the cleaning was gone.
      expect([201, 404]).toContain(evaluated.status);
      const kept = await db().evaluation.findMany({ where: { cleanerId: cleaner.user.id } });
      expect(kept).toHaveLength(evaluated.status === 201 ? 1 : 0);
      expect(kept.every((evaluation) => evaluation.cleaningId === null)).toBe(true);
    }
  });

  it("creates through tRPC too, with the same codes", async () => {
    const { owner, cleaner, cleaning } = await job();
    const input = {
      name: cleaner.name,
      cleaning_id: cleaning.id,
      evaluation: { overall_rating: 2 },
    };
    const created = await trpc("mutation", "evaluations.create", owner.token, input);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      result: { data: { overall_rating: 2, no_show: false, cleaning_id: cleaning.id } },
    });
    const again = await trpc("mutation", "evaluations.create", owner.token, input);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { data: { errorCode: "OFFER_NOT_ACCEPTED" } } });
  });
});

describe(`the marketplace-mails setting on ${testDatabaseKind}`, () => {
  it("is on by default, changes without a password, over REST and tRPC", async () => {
    const person = await account();
    const initial = await send("GET", "/api/users/me/settings", person.token);
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({ marketplace_mails: true });
    const off = await send("PATCH", "/api/users/me/settings", person.token, {
      marketplace_mails: false,
    });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ marketplace_mails: false });
    expect((await send("GET", "/api/users/me/settings", person.token)).body).toEqual({
      marketplace_mails: false,
    });
    const on = await trpc("mutation", "settings.update", person.token, { marketplace_mails: true });
    expect(on.body).toMatchObject({ result: { data: { marketplace_mails: true } } });
    const read = await trpc("query", "settings.get", person.token, undefined);
    expect(read.body).toMatchObject({ result: { data: { marketplace_mails: true } } });
  });

  it("refuses anything but a boolean with 422, and anonymous callers with 401", async () => {
    const person = await account();
    for (const body of [{ marketplace_mails: "no" }, {}, { marketplace_mails: null }]) {
      const response = await send("PATCH", "/api/users/me/settings", person.token, body);
      expect(response.status).toBe(422);
      expect(response.body.detail[0].loc).toEqual(["body", "marketplace_mails"]);
    }
    expect((await send("GET", "/api/users/me/settings")).status).toBe(401);
    expect(
      (await send("PATCH", "/api/users/me/settings", undefined, { marketplace_mails: false }))
        .status,
    ).toBe(401);
  });
});
