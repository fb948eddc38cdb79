// No N+1: reading a page of offers (or of cleanings with their offers) sends the same number of
// SQL statements whatever the page holds. Statements are counted where they leave Prisma, at the
// driver adapter (`openDatabase`'s `onStatement` option).
import { openTestDatabase, testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, openTestServices, type TestServices } from "../testing.ts";

let services: TestServices;
let statements: string[] = [];

beforeAll(async () => {
  const database = await openTestDatabase({ onStatement: (sql) => statements.push(sql) });
  services = await openTestServices({}, database);
});
afterAll(() => services?.close());

type Account = Awaited<ReturnType<typeof createAccount>>;

/** An owner with `cleanings` cleanings, each offered on by the same `offerers` people. */
async function marketplace(cleanings: number, offerers: number) {
  const owner = await createAccount(services);
  const people = await Promise.all(Array.from({ length: offerers }, () => createAccount(services)));
  const ids: number[] = [];
  for (let index = 0; index < cleanings; index++) {
    const cleaning = await owner.caller.cleanings.create({ name: `Job ${index}`, price: 10 });
    for (const person of people) await person.caller.offers.make({ cleaning_id: cleaning.id });
    ids.push(cleaning.id);
  }
  return { owner, people, ids };
}

/** How many statements `read` sends. */
async function statementsOf(read: () => Promise<unknown>): Promise<number> {
  statements = [];
  await read();
  // The counter itself works (a broken hook would make every comparison pass).
  expect(statements.length).toBeGreaterThan(0);
  return statements.length;
}

describe(`statements per page on ${testDatabaseKind}`, () => {
  let small: Awaited<ReturnType<typeof marketplace>>;
  let large: Awaited<ReturnType<typeof marketplace>>;
  beforeAll(async () => {
    small = await marketplace(1, 1);
    large = await marketplace(6, 8);
  }, 120_000);

  const first = (ids: number[]) => ids[0] as number;
  const firstPerson = (people: Account[]) => people[0] as Account;

  it("lists a cleaning's offers in as many statements for 8 offers as for 1", async () => {
    const few = await statementsOf(() =>
      small.owner.caller.offers.list({ cleaning_id: first(small.ids) }),
    );
    const many = await statementsOf(() =>
      large.owner.caller.offers.list({ cleaning_id: first(large.ids) }),
    );
    expect(many).toBe(few);
  });

  it("lists 6 cleanings with 8 offers each in as many statements as 1 cleaning with 1 offer", async () => {
    const few = await statementsOf(() => small.owner.caller.cleanings.list());
    const many = await statementsOf(() => large.owner.caller.cleanings.list());
    expect(many).toBe(few);
  });

  it("shows one cleaning with its offers in as many statements for 8 offers as for 1", async () => {
    const few = await statementsOf(() =>
      small.owner.caller.cleanings.byId({ id: first(small.ids) }),
    );
    const many = await statementsOf(() =>
      large.owner.caller.cleanings.byId({ id: first(large.ids) }),
    );
    expect(many).toBe(few);
    // Authentication, then the cleaning with its offers and their number in one statement.
    expect(many).toBe(2);
    const asOfferer = await statementsOf(() =>
      firstPerson(large.people).caller.cleanings.byId({ id: first(large.ids) }),
    );
    expect(asOfferer).toBe(2);
  });

  it("pages the caller's own offers in as many statements for 6 as for 1", async () => {
    const few = await statementsOf(() => firstPerson(small.people).caller.offers.mine({}));
    const many = await statementsOf(() => firstPerson(large.people).caller.offers.mine({}));
    expect(many).toBe(few);
    // Authentication, then the page itself.
    expect(many).toBeLessThanOrEqual(3);
  });
});
