// A property test of the offer status machine (marketplace contract §3): random sequences of
// make, accept, cancel, rescind and evaluate by random people on one cleaning. Each step's answer
// must be the one a model of the contract predicts, the stored offers must equal the model's,
// every status change must be an edge of the machine, and at most one offer per cleaning is ever
// accepted or completed. "Evaluate" sets an accepted offer to completed through Prisma, as the
// evaluation's own transaction does (evaluations are another module).
import { testDatabaseKind } from "@phresh/db/testing";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, openTestServices, type TestServices } from "../testing.ts";
import type { OfferStatus } from "./schemas.ts";

const RUNS = Number(process.env.PHRESH_STATE_MACHINE_RUNS ?? 40);

let services: TestServices;
type Account = Awaited<ReturnType<typeof createAccount>>;
/** people[0] owns every cleaning; the others offer. */
let people: Account[];

beforeAll(async () => {
  services = await openTestServices();
  people = [];
  for (let index = 0; index < 4; index++) people.push(await createAccount(services));
}, 120_000);
afterAll(() => services?.close());

type Step =
  | { kind: "make" | "cancel" | "rescind"; actor: number }
  | { kind: "accept"; actor: number; target: number }
  | { kind: "evaluate"; target: number };

const person = fc.integer({ min: 0, max: 3 });
// Weighted so that the interesting paths (several offers, one accepted, then cancelled or
// evaluated) come up often in short sequences.
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("make" as const), actor: person }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("accept" as const),
      // Mostly the owner: otherwise nearly every accept is refused.
      actor: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: person }),
      target: person,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), actor: person }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rescind" as const), actor: person }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("evaluate" as const), target: person }) },
);

type Model = Map<number, OfferStatus>;
const assigned = (model: Model) =>
  [...model.values()].some((status) => status === "accepted" || status === "completed");

/** What the contract says `step` answers (an error code, or "ok"), and the model after it. */
function expected(model: Model, step: Step): string {
  const status = (who: number) => model.get(who);
  switch (step.kind) {
    case "make":
      if (step.actor === 0) return "OFFER_OWN_CLEANING";
      if (status(step.actor)) return "OFFER_ALREADY_EXISTS";
      if ([...model.values()].includes("completed")) return "CLEANING_NOT_OPEN";
      model.set(step.actor, "pending");
      return "ok";
    case "accept":
      if (step.actor !== 0) return "OFFER_ACCEPT_NOT_OWNER";
      if (step.target === 0 || !status(step.target)) return "OFFER_NOT_FOUND";
      if (status(step.target) !== "pending") return "OFFER_NOT_PENDING";
      if (assigned(model)) return "CLEANING_ALREADY_ASSIGNED";
      for (const [who, current] of model) if (current === "pending") model.set(who, "rejected");
      model.set(step.target, "accepted");
      return "ok";
    case "cancel":
      if (!status(step.actor)) return "OFFER_NOT_FOUND";
      if (status(step.actor) !== "accepted") return "OFFER_NOT_ACCEPTED";
      for (const [who, current] of model) if (current === "rejected") model.set(who, "pending");
      model.set(step.actor, "cancelled");
      return "ok";
    case "rescind":
      if (!status(step.actor)) return "OFFER_NOT_FOUND";
      if (status(step.actor) !== "pending") return "OFFER_NOT_PENDING";
      model.delete(step.actor);
      return "ok";
    case "evaluate":
      if (status(step.target) === "accepted") model.set(step.target, "completed");
      return "ok";
  }
}

async function perform(cleaningId: number, step: Step): Promise<string> {
  const call = () => {
    switch (step.kind) {
      case "make":
        return people[step.actor]?.caller.offers.make({ cleaning_id: cleaningId });
      case "cancel":
        return people[step.actor]?.caller.offers.cancel({ cleaning_id: cleaningId });
      case "rescind":
        return people[step.actor]?.caller.offers.rescind({ cleaning_id: cleaningId });
      case "accept":
        return people[step.actor]?.caller.offers.accept({
          cleaning_id: cleaningId,
          name: people[step.target]?.name ?? "",
        });
      case "evaluate":
        return services.database.prisma.offer.updateMany({
          where: { cleaningId, userId: people[step.target]?.user.id, status: "accepted" },
          data: { status: "completed" },
        });
    }
  };
  try {
    await call();
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.message;
    throw error;
  }
}

/** The edges of contract §3, "none" standing for no offer row. */
const edges = new Set([
  "none>pending",
  "pending>accepted",
  "pending>rejected",
  "rejected>pending",
  "accepted>cancelled",
  "accepted>completed",
  "pending>none",
]);

async function stored(cleaningId: number): Promise<Model> {
  const rows = await services.database.prisma.offer.findMany({
    where: { cleaningId },
    select: { userId: true, status: true },
  });
  return new Map(
    rows.map((row) => [people.findIndex((account) => account.user.id === row.userId), row.status]),
  );
}

describe(`the offer status machine on ${testDatabaseKind}`, () => {
  it(`answers ${RUNS} random sequences of offer actions as the contract's machine does`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 6, maxLength: 20, size: "max" }),
        async (steps) => {
          const owner = people[0] as Account;
          const cleaning = await owner.caller.cleanings.create({ name: "Model", price: 1 });
          const model: Model = new Map();
          let before = new Map<number, OfferStatus>();
          for (const current of steps) {
            const prediction = expected(model, current);
            expect(await perform(cleaning.id, current), JSON.stringify(current)).toBe(prediction);
            const after = await stored(cleaning.id);
            expect(after).toEqual(model);
            for (const who of new Set([...before.keys(), ...after.keys()])) {
              const from = before.get(who) ?? "none";
              const to = after.get(who) ?? "none";
              if (from !== to) expect(edges, `${from} > ${to}`).toContain(`${from}>${to}`);
            }
            const assignedCount = [...after.values()].filter(
              (status) => status === "accepted" || status === "completed",
            ).length;
            expect(assignedCount).toBeLessThanOrEqual(1);
            before = after;
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});
