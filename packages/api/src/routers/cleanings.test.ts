import { testDatabaseKind } from "@phresh/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousCaller, createAccount, openTestServices, type TestServices } from "../testing.ts";

let services: TestServices;
let caller: Awaited<ReturnType<typeof createAccount>>["caller"];

beforeAll(async () => {
  services = await openTestServices();
  caller = (await createAccount(services)).caller;
});
afterAll(() => services.close());

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe(`cleanings procedures on ${testDatabaseKind}`, () => {
  it("creates a cleaning with the default type and returns it in the legacy shape", async () => {
    const cleaning = await caller.cleanings.create({ name: "Kitchen", price: 29.99 });
    expect(cleaning).toEqual({
      id: expect.any(Number),
      name: "Kitchen",
      description: null,
      price: 29.99,
      cleaning_type: "spot_clean",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      owner_id: expect.any(String),
    });
    // byId adds the cleaning's offers (none yet) and their number (contract C3′).
    expect(await caller.cleanings.byId({ id: cleaning.id })).toEqual({
      ...cleaning,
      offers: [],
      total_offers: 0,
    });
  });

  it("keeps prices exact to the cent", async () => {
    const cleaning = await caller.cleanings.create({
      name: "Cents",
      price: 0.29,
      cleaning_type: "dust_up",
    });
    expect((await caller.cleanings.byId({ id: cleaning.id })).price).toBe(0.29);
    const top = await caller.cleanings.create({ name: "Top", price: 99_999_999.99 });
    expect(top.price).toBe(99_999_999.99);
  });

  it.each([
    ["an empty name", { name: "", price: 1 }],
    ["a name of only spaces", { name: "   ", price: 1 }],
    ["a name over 100 characters", { name: "x".repeat(101), price: 1 }],
    ["a description over 1000 characters", { name: "ok", description: "x".repeat(1001), price: 1 }],
    ["a negative price", { name: "ok", price: -1 }],
    ["a price with three decimals", { name: "ok", price: 1.005 }],
    ["a price of 10^8", { name: "ok", price: 100_000_000 }],
    ["an unknown cleaning type", { name: "ok", price: 1, cleaning_type: "deep_clean" }],
    ["a missing price", { name: "ok" }],
  ])("refuses %s", async (_case, input) => {
    const error = await rejection(caller.cleanings.create(input as never));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("lists cleanings newest first", async () => {
    const older = await caller.cleanings.create({ name: "Older", price: 1 });
    const newer = await caller.cleanings.create({ name: "Newer", price: 2 });
    const ids = (await caller.cleanings.list()).map((cleaning) => cleaning.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
  });

  it("updates only the given fields", async () => {
    const cleaning = await caller.cleanings.create({
      name: "Before",
      description: "keep me",
      price: 10,
    });
    const updated = await caller.cleanings.update({ id: cleaning.id, patch: { name: "After" } });
    expect(updated).toMatchObject({
      name: "After",
      description: "keep me",
      price: 10,
      cleaning_type: "spot_clean",
    });
  });

  it("refuses an update that changes nothing", async () => {
    const cleaning = await caller.cleanings.create({ name: "Same", price: 10 });
    const error = await rejection(caller.cleanings.update({ id: cleaning.id, patch: {} }));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("deletes a cleaning and then reports it as not found", async () => {
    const cleaning = await caller.cleanings.create({ name: "Gone", price: 1 });
    expect(await caller.cleanings.delete({ id: cleaning.id })).toEqual({ id: cleaning.id });
    const error = await rejection(caller.cleanings.byId({ id: cleaning.id }));
    expect([error.code, error.message]).toEqual(["NOT_FOUND", "CLEANING_NOT_FOUND"]);
  });

  it.each([
    ["byId", () => caller.cleanings.byId({ id: 2_000_000_000 })],
    ["update", () => caller.cleanings.update({ id: 2_000_000_000, patch: { name: "x" } })],
    ["delete", () => caller.cleanings.delete({ id: 2_000_000_000 })],
  ])("answers NOT_FOUND with CLEANING_NOT_FOUND from %s of an absent id", async (_name, call) => {
    const error = await rejection(call());
    expect([error.code, error.message]).toEqual(["NOT_FOUND", "CLEANING_NOT_FOUND"]);
  });

  it("refuses ids that cannot exist instead of querying them", async () => {
    for (const id of [0, -1, 1.5, 2 ** 31]) {
      expect((await rejection(caller.cleanings.byId({ id }))).code).toBe("BAD_REQUEST");
    }
  });
});

describe(`cleanings belong to users, on ${testDatabaseKind}`, () => {
  it("refuses every cleaning procedure to anonymous callers", async () => {
    const anonymous = anonymousCaller(services);
    const calls = [
      () => anonymous.cleanings.list(),
      () => anonymous.cleanings.byId({ id: 1 }),
      () => anonymous.cleanings.create({ name: "x", price: 1 }),
      () => anonymous.cleanings.update({ id: 1, patch: { name: "y" } }),
      () => anonymous.cleanings.delete({ id: 1 }),
    ];
    for (const call of calls) expect((await rejection(call())).code).toBe("UNAUTHORIZED");
  });

  it("lists only the caller's own cleanings, but shows anyone's by id", async () => {
    const alice = await createAccount(services);
    const bob = await createAccount(services);
    const alices = await alice.caller.cleanings.create({ name: "Alice's attic", price: 5 });
    await bob.caller.cleanings.create({ name: "Bob's barn", price: 6 });
    expect((await alice.caller.cleanings.list()).map((cleaning) => cleaning.name)).toEqual([
      "Alice's attic",
    ]);
    expect(alices.owner_id).toBe(alice.user.id);
    expect((await bob.caller.cleanings.byId({ id: alices.id })).name).toBe("Alice's attic");
  });

  it("lets only the owner or a superuser change or delete a cleaning", async () => {
    const owner = await createAccount(services);
    const stranger = await createAccount(services);
    const superuser = await createAccount(services, { superuser: true });
    const cleaning = await owner.caller.cleanings.create({ name: "Porch", price: 20 });

    const refusedUpdate = await rejection(
      stranger.caller.cleanings.update({ id: cleaning.id, patch: { price: 1 } }),
    );
    expect([refusedUpdate.code, refusedUpdate.message]).toEqual([
      "FORBIDDEN",
      "CLEANING_NOT_OWNER",
    ]);
    expect((await rejection(stranger.caller.cleanings.delete({ id: cleaning.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await owner.caller.cleanings.byId({ id: cleaning.id })).price).toBe(20);

    expect(
      (await owner.caller.cleanings.update({ id: cleaning.id, patch: { price: 25 } })).price,
    ).toBe(25);
    expect(
      (await superuser.caller.cleanings.update({ id: cleaning.id, patch: { price: 30 } })).price,
    ).toBe(30);
    expect(await superuser.caller.cleanings.delete({ id: cleaning.id })).toEqual({
      id: cleaning.id,
    });
  });

  it("lets only superusers change cleanings that have no owner", async () => {
    const row = await services.database.prisma.cleaning.create({
      data: { name: "Legacy", price: "3.00" },
    });
    const someone = await createAccount(services);
    const superuser = await createAccount(services, { superuser: true });
    expect(
      (await rejection(someone.caller.cleanings.update({ id: row.id, patch: { name: "Mine" } })))
        .code,
    ).toBe("FORBIDDEN");
    expect(
      (await superuser.caller.cleanings.update({ id: row.id, patch: { name: "Tidied" } })).name,
    ).toBe("Tidied");
  });
});
