// Several cleaners' rating summaries at once (`evaluations.summaries`): what each summary says,
// and that the whole list costs one SQL statement whatever its length. Statements are counted at
// the driver adapter (`onStatement` of openDatabase), as in evaluations-statements.test.ts.
import { openTestDatabase, testDatabaseKind } from "@phresh/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousCaller, createAccount, openTestServices, type TestServices } from "../testing.ts";
import { evaluationSummaries } from "./summaries.ts";
import { SUMMARIES_MAX_USERS } from "./summaries-schemas.ts";

let statements: string[] = [];
let services: TestServices;

beforeAll(async () => {
  const database = await openTestDatabase({ onStatement: (sql) => statements.push(sql) });
  services = await openTestServices({}, database);
});
afterAll(() => services?.close());

/** A cleaner evaluated with these overall ratings (written directly: evaluating has its own tests). */
async function cleanerRated(ratings: number[]) {
  const cleaner = await createAccount(services);
  await services.database.prisma.evaluation.createMany({
    data: ratings.map((rating, index) => ({
      cleaningName: `Job ${index}`,
      cleanerId: cleaner.user.id,
      overallRating: rating,
    })),
  });
  return cleaner.user.id;
}

async function statementsOf(read: () => Promise<unknown>): Promise<number> {
  statements = [];
  await read();
  return statements.length;
}

const nobody = "00000000-0000-4000-8000-000000000000";

describe(`evaluations.summaries on ${testDatabaseKind}`, () => {
  it("answers each person's average and count, in the order asked, each once", async () => {
    const viewer = await createAccount(services);
    const praised = await cleanerRated([5, 4, 0]);
    const newcomer = await cleanerRated([]);
    const summaries = await viewer.caller.evaluations.summaries({
      user_ids: [newcomer, praised, newcomer.toUpperCase()],
    });
    expect(summaries).toEqual([
      { user_id: newcomer, avg_overall_rating: null, total_evaluations: 0 },
      { user_id: praised, avg_overall_rating: 3, total_evaluations: 3 },
    ]);
  });

  it("gives an id that belongs to no one the same empty summary as a newcomer", async () => {
    const viewer = await createAccount(services);
    expect(await viewer.caller.evaluations.summaries({ user_ids: [nobody] })).toEqual([
      { user_id: nobody, avg_overall_rating: null, total_evaluations: 0 },
    ]);
  });

  it("reads 1 or 50 people's summaries in one statement", async () => {
    const people = await Promise.all(
      Array.from({ length: SUMMARIES_MAX_USERS }, (_, index) => cleanerRated([index % 6, 5])),
    );
    const db = services.database.prisma;
    expect(await statementsOf(() => evaluationSummaries(db, people.slice(0, 1)))).toBe(1);
    expect(await statementsOf(() => evaluationSummaries(db, people))).toBe(1);
    const summaries = await evaluationSummaries(db, people);
    expect(summaries.map((summary) => summary.total_evaluations)).toEqual(people.map(() => 2));
  });

  it("refuses an empty list, more than 50 ids, and what is not an id, as bad input", async () => {
    const viewer = await createAccount(services);
    const tooMany = Array.from({ length: SUMMARIES_MAX_USERS + 1 }, () => nobody);
    for (const user_ids of [[], tooMany, ["p_somebody"]]) {
      await expect(viewer.caller.evaluations.summaries({ user_ids })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
  });

  it("refuses anyone not logged in", async () => {
    const refusal = anonymousCaller(services).evaluations.summaries({ user_ids: [nobody] });
    await expect(refusal).rejects.toBeInstanceOf(TRPCError);
    await expect(refusal).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
