// The offer rules under real concurrency: many HTTP requests at once on one cleaning. Every guard
// runs in the writing transaction under a lock on the cleaning, so exactly one request of a race
// wins and the others are refused with a code (400/404), never a 500 and never two winners.
import { testDatabaseKind } from "@phresh/db/testing";
import { describe, expect, it } from "vitest";
import { createAccount, serveDuringTests } from "../testing.ts";
import { type Answer, callOffers, type OperationName } from "./testing.ts";

const served = serveDuringTests();

type Account = Awaited<ReturnType<typeof createAccount>>;

const account = () => createAccount(served.services);

const rest = (operation: OperationName, who: Account, args: { id: number; name?: string }) =>
  callOffers(served.server.url, "REST", operation, who.token, args);

async function cleaningWithOffers(offererCount: number) {
  const owner = await account();
  const cleaning = await owner.caller.cleanings.create({ name: "Roof", price: 100 });
  const offerers = await Promise.all(Array.from({ length: offererCount }, () => account()));
  for (const offerer of offerers) await offerer.caller.offers.make({ cleaning_id: cleaning.id });
  return { owner, cleaning, offerers };
}

const outcome = (answer: Answer) => `${answer.status} ${answer.code ?? ""}`.trim();

const statusesOf = async (cleaningId: number) =>
  (
    await served.services.database.prisma.offer.findMany({
      where: { cleaningId },
      select: { status: true },
    })
  ).map(({ status }) => status);

describe(`offers under concurrent requests on ${testDatabaseKind}`, () => {
  it("accepts exactly one of ten offers accepted at once; the others are refused and rejected", async () => {
    const { owner, cleaning, offerers } = await cleaningWithOffers(10);
    const answers = await Promise.all(
      offerers.map((offerer) => rest("accept", owner, { id: cleaning.id, name: offerer.name })),
    );
    const outcomes = answers.map(outcome);
    expect(outcomes.filter((result) => result === "200")).toHaveLength(1);
    for (const result of outcomes.filter((result) => result !== "200"))
      expect(["400 OFFER_NOT_PENDING", "400 CLEANING_ALREADY_ASSIGNED"]).toContain(result);
    const statuses = await statusesOf(cleaning.id);
    expect(statuses.filter((status) => status === "accepted")).toHaveLength(1);
    expect(statuses.filter((status) => status === "rejected")).toHaveLength(9);
  }, 120_000);

  it("makes one offer of twenty identical ones sent at once; the rest are 400 OFFER_ALREADY_EXISTS", async () => {
    const owner = await account();
    const cleaning = await owner.caller.cleanings.create({ name: "Cellar", price: 30 });
    const offerer = await account();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => rest("make", offerer, { id: cleaning.id })),
    );
    const outcomes = answers.map(outcome).sort();
    expect(outcomes).toEqual(["201", ...Array(19).fill("400 OFFER_ALREADY_EXISTS")]);
    expect(await statusesOf(cleaning.id)).toEqual(["pending"]);
  }, 120_000);

  it("settles a rescind racing an accept of the same offer one way or the other, consistently", async () => {
    for (let round = 0; round < 6; round++) {
      const { owner, cleaning, offerers } = await cleaningWithOffers(1);
      const offerer = offerers[0] as Account;
      const [accepted, rescinded] = await Promise.all([
        rest("accept", owner, { id: cleaning.id, name: offerer.name }),
        rest("rescind", offerer, { id: cleaning.id }),
      ]);
      const statuses = await statusesOf(cleaning.id);
      if (accepted.status === 200) {
        expect(outcome(rescinded)).toBe("400 OFFER_NOT_PENDING");
        expect(statuses).toEqual(["accepted"]);
      } else {
        expect(outcome(accepted)).toBe("404 OFFER_NOT_FOUND");
        expect(outcome(rescinded)).toBe("200");
        expect(statuses).toEqual([]);
      }
    }
  }, 120_000);

  it("settles a cancellation racing an evaluation (which completes the offer) consistently", async () => {
    for (let round = 0; round < 6; round++) {
      const { owner, cleaning, offerers } = await cleaningWithOffers(1);
      const offerer = offerers[0] as Account;
      await owner.caller.offers.accept({ cleaning_id: cleaning.id, name: offerer.name });
      // The evaluation's own write, as the evaluations module makes it: only an accepted offer.
      const [cancelled, evaluated] = await Promise.all([
        rest("cancel", offerer, { id: cleaning.id }),
        served.services.database.prisma.offer.updateMany({
          where: { cleaningId: cleaning.id, userId: offerer.user.id, status: "accepted" },
          data: { status: "completed" },
        }),
      ]);
      const statuses = await statusesOf(cleaning.id);
      if (evaluated.count === 1) {
        expect(outcome(cancelled)).toBe("400 OFFER_NOT_ACCEPTED");
        expect(statuses).toEqual(["completed"]);
      } else {
        expect(outcome(cancelled)).toBe("200");
        expect(statuses).toEqual(["cancelled"]);
      }
    }
  }, 120_000);

  it("never lets a price change slip in beside an acceptance: either it came first or it is refused", async () => {
    for (let round = 0; round < 6; round++) {
      const { owner, cleaning, offerers } = await cleaningWithOffers(1);
      const [accepted, updated] = await Promise.all([
        rest("accept", owner, { id: cleaning.id, name: (offerers[0] as Account).name }),
        fetch(`${served.server.url}/api/cleanings/${cleaning.id}`, {
          method: "PATCH",
          headers: { Authorization: `Bearer ${owner.token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ update_cleaning: { price: 150 } }),
        }),
      ]);
      expect(accepted.status).toBe(200);
      const stored = await served.services.database.prisma.cleaning.findUniqueOrThrow({
        where: { id: cleaning.id },
      });
      if (updated.status === 200) expect(stored.price.toNumber()).toBe(150);
      else {
        expect([updated.status, await updated.json()]).toEqual([
          400,
          { detail: "CLEANING_ASSIGNED" },
        ]);
        expect(stored.price.toNumber()).toBe(100);
      }
    }
  }, 120_000);

  it("answers offers racing the deletion of their cleaning with 201 or 404, never 500", async () => {
    const owner = await account();
    const cleaning = await owner.caller.cleanings.create({ name: "Shed", price: 20 });
    const offerers = await Promise.all(Array.from({ length: 8 }, () => account()));
    const [deleted, ...made] = await Promise.all([
      fetch(`${served.server.url}/api/cleanings/${cleaning.id}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${owner.token}` },
      }),
      ...offerers.map((offerer) => rest("make", offerer, { id: cleaning.id })),
    ]);
    expect(deleted?.status).toBe(200);
    for (const answer of made) expect(["201", "404 CLEANING_NOT_FOUND"]).toContain(outcome(answer));
    expect(await statusesOf(cleaning.id)).toEqual([]);
  }, 120_000);
});
