// The offers contract (marketplace O1–O6, C2′, C3′, the caller's own offers) over real HTTP, on
// both transports: each operation and each of its refusals through the REST routes and through
// tRPC, which must agree (same status, same error code).
import { testDatabaseKind } from "@phresh/db/testing";
import { describe, expect, it } from "vitest";
import {
  type Answer,
  callOffers,
  expectRefusal,
  type OperationName,
  successStatus,
  type Transport,
} from "../offers/testing.ts";
import { createAccount, serveDuringTests } from "../testing.ts";

const served = serveDuringTests();

type Account = Awaited<ReturnType<typeof createAccount>>;

const account = () => createAccount(served.services);

async function cleaningOf(owner: Account, fields: { price?: number } = {}) {
  return owner.caller.cleanings.create({
    name: "Stairs",
    price: fields.price ?? 40,
    cleaning_type: "full_clean",
  });
}

/** A cleaning with an offer from each of `offerers`. */
async function cleaningWithOffers(offererCount: number) {
  const owner = await account();
  const cleaning = await cleaningOf(owner);
  const offerers: Account[] = [];
  for (let index = 0; index < offererCount; index++) {
    const offerer = await account();
    await offerer.caller.offers.make({ cleaning_id: cleaning.id });
    offerers.push(offerer);
  }
  return { owner, cleaning, offerers };
}

function setStatus(cleaningId: number, userId: string, status: "completed" | "accepted") {
  return served.services.database.prisma.offer.update({
    where: { userId_cleaningId: { userId, cleaningId } },
    data: { status },
  });
}

const expectedOffer = (cleaningId: number, offerer: Account, status: string) => ({
  cleaning_id: cleaningId,
  user_id: offerer.user.id,
  status,
  created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
  updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
  user: { id: offerer.user.id, name: offerer.name, profile: { full_name: null, image: null } },
});

const mailsTo = (email: string) =>
  served.services.database.prisma.outboxMail.findMany({
    where: { to: email },
    orderBy: { id: "asc" },
  });

describe.each<Transport>(["REST", "tRPC"])(`offers over %s on ${testDatabaseKind}`, (transport) => {
  const call = (
    operation: OperationName,
    who: Account | undefined,
    args: { id: number; name?: string },
  ) => callOffers(served.server.url, transport, operation, who?.token, args);
  const expectSuccess = (answer: Answer, operation: OperationName) =>
    expect(answer.status, JSON.stringify(answer.code)).toBe(successStatus(transport, operation));

  it("O1 makes a pending offer with the offerer's name and profile, and never an e-mail", async () => {
    const owner = await account();
    const cleaning = await cleaningOf(owner);
    const offerer = await account();
    const made = await call("make", offerer, { id: cleaning.id });
    expectSuccess(made, "make");
    expect(made.body).toEqual(expectedOffer(cleaning.id, offerer, "pending"));
    expect(JSON.stringify(made.body)).not.toContain("@");
  });

  it.each<[OperationName]>([
    ["make"],
    ["list"],
    ["byUser"],
    ["accept"],
    ["cancel"],
    ["rescind"],
    ["cleaning"],
  ])("answers %s without a token with 401 UNAUTHORIZED", async (operation) => {
    const answer = await call(operation, undefined, { id: 1, name: "someone" });
    expectRefusal(answer, "UNAUTHORIZED");
    if (transport === "REST") expect(answer.headers.get("www-authenticate")).toBe("Bearer");
  });

  it.each<[OperationName]>([["make"], ["list"], ["byUser"], ["accept"], ["cancel"], ["rescind"]])(
    "answers %s of a cleaning that does not exist with 404 CLEANING_NOT_FOUND",
    async (operation) => {
      const caller = await account();
      expectRefusal(
        await call(operation, caller, { id: 2_000_000_000, name: caller.name }),
        "CLEANING_NOT_FOUND",
      );
    },
  );

  it.each<[OperationName]>([["make"], ["list"], ["byUser"], ["accept"], ["cancel"], ["rescind"]])(
    "refuses %s with an id that cannot exist, or a malformed name, as invalid input",
    async (operation) => {
      const caller = await account();
      const invalidStatus = transport === "REST" ? 422 : 400;
      for (const args of [{ id: 0 }, { id: 2 ** 31 }, { id: 1, name: "no spaces allowed" }]) {
        if (args.name && !["byUser", "accept"].includes(operation)) continue;
        const answer = await call(operation, caller, { name: caller.name, ...args });
        expect(answer.status).toBe(invalidStatus);
      }
    },
  );

  it("O1 refuses an offer on your own cleaning with 400 OFFER_OWN_CLEANING", async () => {
    const owner = await account();
    const cleaning = await cleaningOf(owner);
    expectRefusal(await call("make", owner, { id: cleaning.id }), "OFFER_OWN_CLEANING");
  });

  it("O1 refuses a second offer with 400 OFFER_ALREADY_EXISTS, also after it was rejected or cancelled", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(2);
    const [chosen, other] = offerers as [Account, Account];
    expectRefusal(await call("make", chosen, { id: cleaning.id }), "OFFER_ALREADY_EXISTS");
    await owner.caller.offers.accept({ cleaning_id: cleaning.id, name: chosen.name });
    expectRefusal(await call("make", other, { id: cleaning.id }), "OFFER_ALREADY_EXISTS");
    await chosen.caller.offers.cancel({ cleaning_id: cleaning.id });
    expectRefusal(await call("make", chosen, { id: cleaning.id }), "OFFER_ALREADY_EXISTS");
  });

  it("O1 refuses offers on a completed cleaning, or one without an owner, with 400 CLEANING_NOT_OPEN", async () => {
    const { cleaning, offerers } = await cleaningWithOffers(1);
    await setStatus(cleaning.id, (offerers[0] as Account).user.id, "completed");
    expectRefusal(await call("make", await account(), { id: cleaning.id }), "CLEANING_NOT_OPEN");
    const legacy = await served.services.database.prisma.cleaning.create({
      data: { name: "From before accounts", price: "5.00" },
    });
    expectRefusal(await call("make", await account(), { id: legacy.id }), "CLEANING_NOT_OPEN");
  });

  it("O1 refuses an offer on a cleaning whose owner's account is deactivated with 400 CLEANING_NOT_OPEN", async () => {
    const owner = await account();
    const cleaning = await cleaningOf(owner);
    await served.services.database.prisma.user.update({
      where: { id: owner.user.id },
      data: { isActive: false },
    });
    expectRefusal(await call("make", await account(), { id: cleaning.id }), "CLEANING_NOT_OPEN");
  });

  it("O1 takes new offers while another is accepted (they cannot be accepted until it is cancelled)", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(1);
    await owner.caller.offers.accept({
      cleaning_id: cleaning.id,
      name: (offerers[0] as Account).name,
    });
    const late = await account();
    expectSuccess(await call("make", late, { id: cleaning.id }), "make");
    expectRefusal(
      await call("accept", owner, { id: cleaning.id, name: late.name }),
      "CLEANING_ALREADY_ASSIGNED",
    );
  });

  it("O2 lists every offer of a cleaning, any status, newest first, to its owner", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(3);
    const [first, second, third] = offerers as [Account, Account, Account];
    await owner.caller.offers.accept({ cleaning_id: cleaning.id, name: second.name });
    const answer = await call("list", owner, { id: cleaning.id });
    expectSuccess(answer, "list");
    expect(answer.body).toEqual([
      expectedOffer(cleaning.id, third, "rejected"),
      expectedOffer(cleaning.id, second, "accepted"),
      expectedOffer(cleaning.id, first, "rejected"),
    ]);
  });

  it("O2 refuses anyone but the owner with 403 OFFERS_NOT_OWNER, offerers included", async () => {
    const { cleaning, offerers } = await cleaningWithOffers(1);
    expectRefusal(await call("list", offerers[0], { id: cleaning.id }), "OFFERS_NOT_OWNER");
    expectRefusal(await call("list", await account(), { id: cleaning.id }), "OFFERS_NOT_OWNER");
  });

  it("O3 shows one offer to the owner and to the offerer, by name in any letter case", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(1);
    const offerer = offerers[0] as Account;
    for (const viewer of [owner, offerer]) {
      const answer = await call("byUser", viewer, {
        id: cleaning.id,
        name: offerer.name.toUpperCase(),
      });
      expectSuccess(answer, "byUser");
      expect(answer.body).toEqual(expectedOffer(cleaning.id, offerer, "pending"));
    }
  });

  it("O3 answers a stranger 403 OFFER_FORBIDDEN whether or not the offer exists (Q7)", async () => {
    const { cleaning, offerers } = await cleaningWithOffers(1);
    const stranger = await account();
    const withoutOffer = await account();
    expectRefusal(
      await call("byUser", stranger, { id: cleaning.id, name: (offerers[0] as Account).name }),
      "OFFER_FORBIDDEN",
    );
    expectRefusal(
      await call("byUser", stranger, { id: cleaning.id, name: withoutOffer.name }),
      "OFFER_FORBIDDEN",
    );
  });

  it("O3 answers 404 USER_NOT_FOUND for an unknown name and 404 OFFER_NOT_FOUND to the owner when that person made none", async () => {
    const owner = await account();
    const cleaning = await cleaningOf(owner);
    expectRefusal(
      await call("byUser", owner, { id: cleaning.id, name: "nobody_by_this_name" }),
      "USER_NOT_FOUND",
    );
    const someone = await account();
    expectRefusal(
      await call("byUser", owner, { id: cleaning.id, name: someone.name }),
      "OFFER_NOT_FOUND",
    );
    expectRefusal(
      await call("byUser", someone, { id: cleaning.id, name: someone.name }),
      "OFFER_NOT_FOUND",
    );
  });

  it("O4 accepts a pending offer and rejects every other pending one", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(3);
    const [first, chosen, third] = offerers as [Account, Account, Account];
    const answer = await call("accept", owner, { id: cleaning.id, name: chosen.name });
    expectSuccess(answer, "accept");
    expect(answer.body).toEqual(expectedOffer(cleaning.id, chosen, "accepted"));
    const statuses = await owner.caller.offers.list({ cleaning_id: cleaning.id });
    expect(Object.fromEntries(statuses.map((offer) => [offer.user.name, offer.status]))).toEqual({
      [first.name]: "rejected",
      [chosen.name]: "accepted",
      [third.name]: "rejected",
    });
  });

  it("O4 refuses anyone but the owner with 403 OFFER_ACCEPT_NOT_OWNER before looking for the offer", async () => {
    const { cleaning, offerers } = await cleaningWithOffers(1);
    const offerer = offerers[0] as Account;
    expectRefusal(
      await call("accept", offerer, { id: cleaning.id, name: offerer.name }),
      "OFFER_ACCEPT_NOT_OWNER",
    );
    const stranger = await account();
    expectRefusal(
      await call("accept", stranger, { id: cleaning.id, name: stranger.name }),
      "OFFER_ACCEPT_NOT_OWNER",
    );
  });

  it("O4 answers 404 for an unknown name or a person who made no offer", async () => {
    const owner = await account();
    const cleaning = await cleaningOf(owner);
    expectRefusal(
      await call("accept", owner, { id: cleaning.id, name: "nobody_by_this_name" }),
      "USER_NOT_FOUND",
    );
    expectRefusal(
      await call("accept", owner, { id: cleaning.id, name: (await account()).name }),
      "OFFER_NOT_FOUND",
    );
  });

  it("O4 refuses the offer of a deactivated account with 404 USER_NOT_FOUND and changes nothing", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(2);
    const [departed, staying] = offerers as [Account, Account];
    // Left pending as by a deactivation racing the offer (deactivating withdraws pending offers).
    await served.services.database.prisma.user.update({
      where: { id: departed.user.id },
      data: { isActive: false },
    });
    expectRefusal(
      await call("accept", owner, { id: cleaning.id, name: departed.name }),
      "USER_NOT_FOUND",
    );
    const offers = await owner.caller.offers.list({ cleaning_id: cleaning.id });
    expect(offers.map((offer) => [offer.user_id, offer.status])).toEqual(
      expect.arrayContaining([
        [departed.user.id, "pending"],
        [staying.user.id, "pending"],
      ]),
    );
  });

  it("O4 refuses an offer that is not pending with 400 OFFER_NOT_PENDING", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(2);
    const [chosen, other] = offerers as [Account, Account];
    await owner.caller.offers.accept({ cleaning_id: cleaning.id, name: chosen.name });
    expectRefusal(
      await call("accept", owner, { id: cleaning.id, name: other.name }),
      "OFFER_NOT_PENDING",
    );
    expectRefusal(
      await call("accept", owner, { id: cleaning.id, name: chosen.name }),
      "OFFER_NOT_PENDING",
    );
  });

  it("O4 refuses a pending offer while another is completed with 400 CLEANING_ALREADY_ASSIGNED (Q6)", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(2);
    const [done, waiting] = offerers as [Account, Account];
    await setStatus(cleaning.id, done.user.id, "completed");
    expectRefusal(
      await call("accept", owner, { id: cleaning.id, name: waiting.name }),
      "CLEANING_ALREADY_ASSIGNED",
    );
  });

  it("O5 cancels an accepted offer and puts the rejected ones back to pending", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(2);
    const [chosen, other] = offerers as [Account, Account];
    await owner.caller.offers.accept({ cleaning_id: cleaning.id, name: chosen.name });
    const answer = await call("cancel", chosen, { id: cleaning.id });
    expectSuccess(answer, "cancel");
    expect(answer.body).toEqual(expectedOffer(cleaning.id, chosen, "cancelled"));
    expect(
      (await other.caller.offers.byUser({ cleaning_id: cleaning.id, name: other.name })).status,
    ).toBe("pending");
    // The owner may accept again.
    expectSuccess(await call("accept", owner, { id: cleaning.id, name: other.name }), "accept");
  });

  it("O5 answers 404 OFFER_NOT_FOUND without an offer and 400 OFFER_NOT_ACCEPTED for one not accepted", async () => {
    const { cleaning, offerers } = await cleaningWithOffers(1);
    expectRefusal(await call("cancel", await account(), { id: cleaning.id }), "OFFER_NOT_FOUND");
    expectRefusal(await call("cancel", offerers[0], { id: cleaning.id }), "OFFER_NOT_ACCEPTED");
  });

  it("O6 rescinds a pending offer with 200 and the offer as it was; it may then be made again", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(1);
    const offerer = offerers[0] as Account;
    const answer = await call("rescind", offerer, { id: cleaning.id });
    expectSuccess(answer, "rescind");
    expect(answer.body).toEqual(expectedOffer(cleaning.id, offerer, "pending"));
    expect(await owner.caller.offers.list({ cleaning_id: cleaning.id })).toEqual([]);
    expectSuccess(await call("make", offerer, { id: cleaning.id }), "make");
  });

  it("O6 answers 404 OFFER_NOT_FOUND without an offer and 400 OFFER_NOT_PENDING for one not pending", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(1);
    const offerer = offerers[0] as Account;
    expectRefusal(await call("rescind", await account(), { id: cleaning.id }), "OFFER_NOT_FOUND");
    await owner.caller.offers.accept({ cleaning_id: cleaning.id, name: offerer.name });
    expectRefusal(await call("rescind", offerer, { id: cleaning.id }), "OFFER_NOT_PENDING");
  });

  it("C3′ shows the owner every offer, an offerer only their own, anyone else none; total_offers to all", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(2);
    const [first, second] = offerers as [Account, Account];
    const seenBy = async (viewer: Account) => {
      const answer = await call("cleaning", viewer, { id: cleaning.id });
      expectSuccess(answer, "cleaning");
      return answer.body as { offers: { user_id: string }[]; total_offers: number };
    };
    const byOwner = await seenBy(owner);
    expect(byOwner.total_offers).toBe(2);
    expect(byOwner.offers.map((offer) => offer.user_id)).toEqual([second.user.id, first.user.id]);
    const byFirst = await seenBy(first);
    expect(byFirst).toMatchObject({
      total_offers: 2,
      offers: [expectedOffer(cleaning.id, first, "pending")],
    });
    expect(await seenBy(await account())).toMatchObject({ total_offers: 2, offers: [] });
  });
});

describe(`cleanings with offers on ${testDatabaseKind}`, () => {
  const rest = (who: Account, method: string, path: string, body?: unknown) =>
    fetch(`${served.server.url}/api${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${who.token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("C2′ lists the owner's cleanings, each with all its offers and total_offers", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(2);
    const empty = await cleaningOf(owner);
    const response = await rest(owner, "GET", "/cleanings");
    expect(response.status).toBe(200);
    const list = (await response.json()) as {
      id: number;
      offers: unknown[];
      total_offers: number;
    }[];
    expect(list.map(({ id, total_offers }) => [id, total_offers])).toEqual([
      [empty.id, 0],
      [cleaning.id, 2],
    ]);
    expect(list[1]?.offers).toEqual([
      expectedOffer(cleaning.id, offerers[1] as Account, "pending"),
      expectedOffer(cleaning.id, offerers[0] as Account, "pending"),
    ]);
    expect(await owner.caller.cleanings.list()).toEqual(list);
  });

  it("refuses a change of price or type while an offer is accepted with 400 CLEANING_ASSIGNED; name and description may change", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(1);
    const chosen = offerers[0] as Account;
    await owner.caller.offers.accept({ cleaning_id: cleaning.id, name: chosen.name });
    for (const patch of [{ price: 41 }, { cleaning_type: "dust_up" }, { name: "x", price: 1 }]) {
      const response = await rest(owner, "PATCH", `/cleanings/${cleaning.id}`, {
        update_cleaning: patch,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ detail: "CLEANING_ASSIGNED" });
    }
    const renamed = await rest(owner, "PUT", `/cleanings/${cleaning.id}`, {
      update_cleaning: {
        name: "Stairs and hall",
        description: "both floors",
        price: 40,
        cleaning_type: "full_clean",
      },
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: "Stairs and hall", price: 40 });
    // Once the accepted offer is cancelled, the job is open again and its price may change.
    await chosen.caller.offers.cancel({ cleaning_id: cleaning.id });
    expect(
      (await rest(owner, "PATCH", `/cleanings/${cleaning.id}`, { update_cleaning: { price: 41 } }))
        .status,
    ).toBe(200);
  });

  it("refuses a price change on a completed job too (tRPC: BAD_REQUEST CLEANING_ASSIGNED)", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(1);
    await setStatus(cleaning.id, (offerers[0] as Account).user.id, "completed");
    const refused = await owner.caller.cleanings
      .update({ id: cleaning.id, patch: { price: 1 } })
      .then(
        () => undefined,
        (error: { code: string; message: string }) => [error.code, error.message],
      );
    expect(refused).toEqual(["BAD_REQUEST", "CLEANING_ASSIGNED"]);
  });

  it("deletes an assigned cleaning with its offers and mails the hired cleaner", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(2);
    const [chosen, other] = offerers as [Account, Account];
    await owner.caller.offers.accept({ cleaning_id: cleaning.id, name: chosen.name });
    const response = await rest(owner, "DELETE", `/cleanings/${cleaning.id}`);
    expect(response.status).toBe(200);
    const mails = await mailsTo(chosen.email);
    expect(mails.at(-1)?.subject).toBe("A cleaning job you were hired for was deleted");
    expect(mails.at(-1)?.text).toContain("http://phresh.test/offers");
    expect((await mailsTo(other.email)).map((mail) => mail.subject)).not.toContain(
      "A cleaning job you were hired for was deleted",
    );
    expect(
      await served.services.database.prisma.offer.count({ where: { cleaningId: cleaning.id } }),
    ).toBe(0);
  });
});

describe(`offer notifications on ${testDatabaseKind}`, () => {
  it("mails the owner about a new offer, each offerer about acceptance or rejection, the owner about a cancellation", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(2);
    const [chosen, other] = offerers as [Account, Account];
    const link = `http://phresh.test/cleanings/${cleaning.id}`;
    const offersMails = (await mailsTo(owner.email)).filter(
      (mail) => mail.subject === "A new offer for your cleaning job",
    );
    expect(offersMails).toHaveLength(2);
    expect(offersMails[0]?.text).toContain(link);
    expect(offersMails[0]?.text).toContain(chosen.name);

    await owner.caller.offers.accept({ cleaning_id: cleaning.id, name: chosen.name });
    expect((await mailsTo(chosen.email)).at(-1)).toMatchObject({
      subject: "Your offer was accepted",
    });
    expect((await mailsTo(chosen.email)).at(-1)?.text).toContain(link);
    expect((await mailsTo(other.email)).at(-1)).toMatchObject({
      subject: "Your offer was not chosen",
    });
    expect((await mailsTo(other.email)).at(-1)?.text).toContain("http://phresh.test/offers");

    await chosen.caller.offers.cancel({ cleaning_id: cleaning.id });
    expect((await mailsTo(owner.email)).at(-1)).toMatchObject({
      subject: "An accepted offer was cancelled",
    });
    expect((await mailsTo(owner.email)).at(-1)?.text).toContain(link);
  });

  it("sends no marketplace mail to someone who turned them off", async () => {
    const owner = await account();
    await served.services.database.prisma.user.update({
      where: { id: owner.user.id },
      data: { marketplaceMails: false },
    });
    const cleaning = await cleaningOf(owner);
    await (await account()).caller.offers.make({ cleaning_id: cleaning.id });
    const subjects = (await mailsTo(owner.email)).map((mail) => mail.subject);
    expect(subjects).not.toContain("A new offer for your cleaning job");
  });
});

describe(`the caller's own offers (GET /api/offers/me, offers.mine) on ${testDatabaseKind}`, () => {
  const mine = (who: Account, query = "") =>
    fetch(`${served.server.url}/api/offers/me${query}`, {
      headers: { Authorization: `Bearer ${who.token}` },
    });

  /** `count` cleanings by one owner, each with an offer by `offerer`, oldest first. */
  async function offersBy(offerer: Account, count: number) {
    const owner = await account();
    const cleanings = [];
    for (let index = 0; index < count; index++) {
      const cleaning = await owner.caller.cleanings.create({
        name: `Job ${index}`,
        price: 10 + index,
      });
      await offerer.caller.offers.make({ cleaning_id: cleaning.id });
      cleanings.push(cleaning);
    }
    return { owner, cleanings };
  }

  it("lists the caller's offers newest first with their cleaning and status", async () => {
    const offerer = await account();
    const { owner, cleanings } = await offersBy(offerer, 2);
    const [older, newer] = cleanings as [(typeof cleanings)[0], (typeof cleanings)[0]];
    await owner.caller.offers.accept({ cleaning_id: older.id, name: offerer.name });
    const response = await mine(offerer);
    expect(response.status).toBe(200);
    expect(response.headers.get("link")).toBeNull();
    expect(await response.json()).toEqual([
      {
        cleaning_id: newer.id,
        status: "pending",
        created_at: expect.any(String),
        updated_at: expect.any(String),
        cleaning: {
          id: newer.id,
          name: "Job 1",
          price: 11,
          cleaning_type: "spot_clean",
          owner_id: owner.user.id,
        },
      },
      expect.objectContaining({ cleaning_id: older.id, status: "accepted" }),
    ]);
  });

  it("pages by cursor without skipping or repeating, even when offers share a timestamp; REST links the next page", async () => {
    const offerer = await account();
    const { cleanings } = await offersBy(offerer, 7);
    // Four offers made in the same millisecond: the cleaning id breaks the tie.
    await served.services.database.prisma.offer.updateMany({
      where: {
        userId: offerer.user.id,
        cleaningId: { in: cleanings.slice(1, 5).map(({ id }) => id) },
      },
      data: { createdAt: new Date("2026-06-01T12:00:00.000Z") },
    });
    const seen: number[] = [];
    let query = "?limit=3";
    let pages = 0;
    for (;;) {
      const response = await mine(offerer, query);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { cleaning_id: number }[];
      seen.push(...page.map((offer) => offer.cleaning_id));
      pages += 1;
      const link = response.headers.get("link");
      if (!link) break;
      const next = /^<(\/api\/offers\/me\?[^>]+)>; rel="next"$/.exec(link);
      expect(next).not.toBeNull();
      query = (next?.[1] ?? "").replace("/api/offers/me", "");
    }
    expect(pages).toBe(3);
    expect([...seen].sort((a, b) => a - b)).toEqual(cleanings.map(({ id }) => id));
    expect(new Set(seen).size).toBe(7);

    const trpcPages = [];
    let cursor: string | undefined;
    do {
      const page = await offerer.caller.offers.mine({ limit: 3, cursor });
      trpcPages.push(page.items.map((offer) => offer.cleaning_id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(trpcPages.flat()).toEqual(seen);
  });

  it("defaults to 20 a page and refuses a limit outside 1–50 or a cursor it did not make with 422", async () => {
    const offerer = await account();
    await offersBy(offerer, 21);
    const first = await mine(offerer);
    expect(((await first.json()) as unknown[]).length).toBe(20);
    expect(first.headers.get("link")).toMatch(/rel="next"$/);
    for (const query of [
      "?limit=0",
      "?limit=51",
      "?limit=abc",
      "?cursor=not-a-cursor",
      "?cursor=WzEsMl0",
    ]) {
      const response = await mine(offerer, query);
      expect(response.status, query).toBe(422);
      const { detail } = (await response.json()) as { detail: { loc: string[] }[] };
      expect(detail[0]?.loc[0]).toBe("query");
    }
    for (const input of [{ limit: 0 }, { limit: 51 }, { cursor: "not-a-cursor" }]) {
      const refused = await offerer.caller.offers.mine(input).then(
        () => undefined,
        (error: { code: string }) => error.code,
      );
      expect(refused, JSON.stringify(input)).toBe("BAD_REQUEST");
    }
  });

  it("shows nobody else's offers, and answers 401 without a token", async () => {
    const offerer = await account();
    await offersBy(offerer, 1);
    expect(await (await mine(await account())).json()).toEqual([]);
    expect((await fetch(`${served.server.url}/api/offers/me`)).status).toBe(401);
  });
});

describe(`the offer routes in the route table on ${testDatabaseKind}`, () => {
  it("answers OPTIONS with the methods of each offer path", async () => {
    const allow = async (path: string) =>
      (await fetch(`${served.server.url}/api${path}`, { method: "OPTIONS" })).headers.get("allow");
    expect(await allow("/cleanings/1/offers")).toBe("POST, GET, PUT, DELETE, OPTIONS");
    expect(await allow("/cleanings/1/offers/someone")).toBe("GET, PUT, OPTIONS");
    expect(await allow("/offers/me")).toBe("GET, OPTIONS");
  });

  it("documents the offer routes, their path and query parameters in OpenAPI", async () => {
    const document = (await (await fetch(`${served.server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    expect(Object.keys(document.paths["/api/cleanings/{id}/offers"] ?? {}).sort()).toEqual([
      "delete",
      "get",
      "post",
      "put",
    ]);
    expect(Object.keys(document.paths["/api/cleanings/{id}/offers/{name}"] ?? {}).sort()).toEqual([
      "get",
      "put",
    ]);
    expect(document.paths["/api/offers/me"]?.get?.parameters).toEqual([
      expect.objectContaining({ name: "cursor", in: "query" }),
      expect.objectContaining({ name: "limit", in: "query" }),
    ]);
  });
});
