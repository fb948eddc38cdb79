// `phresh offers …` against a running server (see against-server.ts).
import type { RouterOutputs } from "@phresh/api";
import { describe, expect, it } from "vitest";
import { againstRunningServer, as, type TestUser } from "../against-server.ts";

const { phresh, signedUpUser, signUpBeforeAll, jsonOf, postCleaning } = againstRunningServer();

type Offer = RouterOutputs["offers"]["make"];
type MyOffersPage = RouterOutputs["offers"]["mine"];

const { owner, alice, bob } = signUpBeforeAll("owner", "alice", "bob");

let cleanings = 0;
async function newCleaning(price = "50"): Promise<string> {
  cleanings += 1;
  const cleaning = await postCleaning(owner, ["--name", `Job ${cleanings}`, "--price", price]);
  return String(cleaning.id);
}

describe("phresh offers", () => {
  it("takes offers from others and lets the owner list and accept one", async () => {
    const id = await newCleaning();
    const made = await phresh(["offers", "make", id], as(alice));
    expect(made).toMatchObject({
      code: 0,
      stderr: "",
      stdout: `You offered to do cleaning ${id}; its owner is told and may accept.\n`,
    });
    const bobs = await jsonOf<Offer>(bob, ["offers", "make", id]);
    expect(bobs).toMatchObject({
      cleaning_id: Number(id),
      status: "pending",
      user: { name: bob.name },
    });

    const listed = await phresh(["offers", "list", id], as(owner));
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(listed.stdout).toMatch(/│ Name +│ Full name │ Status +│ Offered +│ Updated +│/);
    expect(listed.stdout).toMatch(new RegExp(`│ ${alice.name} +│ — +│ pending │`));
    expect(listed.stdout).toMatch(new RegExp(`│ ${bob.name} +│ — +│ pending │`));

    const accepted = await phresh(["offers", "accept", id, alice.name.toUpperCase()], as(owner));
    expect(accepted).toMatchObject({
      code: 0,
      stdout: `You accepted ${alice.name}'s offer on cleaning ${id}; its other pending offers are rejected.\n`,
    });
    const after = await jsonOf<Offer[]>(owner, ["offers", "list", id]);
    expect(after.map((offer) => [offer.user.name, offer.status]).sort()).toEqual([
      [alice.name, "accepted"],
      [bob.name, "rejected"],
    ]);
  });

  it("lets an offerer withdraw a pending offer and cancel an accepted one", async () => {
    const id = await newCleaning();
    await jsonOf(alice, ["offers", "make", id]);
    await jsonOf(bob, ["offers", "make", id]);
    await jsonOf(owner, ["offers", "accept", id, alice.name]);

    const rejected = await phresh(["offers", "rescind", id], as(bob));
    expect(rejected).toMatchObject({
      code: 1,
      stderr: "phresh: This offer is no longer pending.\n",
    });

    const cancelled = await phresh(["offers", "cancel", id], as(alice));
    expect(cancelled).toMatchObject({
      code: 0,
      stdout: `You cancelled your accepted offer on cleaning ${id}.\n`,
    });
    const rescinded = await jsonOf<Offer>(bob, ["offers", "rescind", id]);
    // Pending again once the accepted offer was cancelled; answered as it was.
    expect(rescinded).toMatchObject({ status: "pending", user: { name: bob.name } });
    const left = await jsonOf<Offer[]>(owner, ["offers", "list", id]);
    expect(left.map((offer) => [offer.user.name, offer.status])).toEqual([
      [alice.name, "cancelled"],
    ]);

    const empty = await phresh(["offers", "list", await newCleaning()], as(owner));
    expect(empty.stdout).toMatch(/^Cleaning \d+ has no offers yet\.\n$/);
  });

  it("refuses, in the API's words and with exit 1, what only someone else may do", async () => {
    const id = await newCleaning();
    await jsonOf(alice, ["offers", "make", id]);
    const refusal = async (user: TestUser, args: string[]) => {
      const run = await phresh(["offers", ...args], as(user));
      expect(run, args.join(" ")).toMatchObject({ code: 1, stdout: "" });
      return run.stderr;
    };
    expect(await refusal(owner, ["make", id])).toBe(
      "phresh: You cannot offer to do your own cleaning job.\n",
    );
    expect(await refusal(alice, ["make", id])).toBe(
      "phresh: You have already made an offer for this job.\n",
    );
    expect(await refusal(bob, ["list", id])).toBe(
      "phresh: Only the owner of this job may see its offers.\n",
    );
    expect(await refusal(alice, ["cancel", id])).toBe(
      "phresh: This offer has not been accepted (or was already evaluated).\n",
    );
    expect(await refusal(owner, ["accept", id, bob.name])).toBe(
      "phresh: There is no such offer.\n",
    );
    expect(await refusal(owner, ["make", "2000000000"])).toBe(
      "phresh: There is no such cleaning.\n",
    );

    const notYours = await phresh(["--json", "offers", "accept", id, alice.name], as(bob));
    expect(notYours).toMatchObject({ code: 1, stdout: "" });
    expect(JSON.parse(notYours.stderr)).toEqual({
      error: {
        message: "Only the owner of this job may accept offers.",
        code: "OFFER_ACCEPT_NOT_OWNER",
        exit_code: 1,
      },
    });
  });

  it("lists your own offers with their cleanings, and pages them", async () => {
    const ids = [await newCleaning("12.5"), await newCleaning("30"), await newCleaning("99.99")];
    const carol = await signedUpUser();
    expect((await phresh(["offers", "mine"], as(carol))).stdout).toBe(
      "You have made no offers yet. Find open jobs with `phresh jobs search`.\n",
    );
    for (const id of ids) await jsonOf(carol, ["offers", "make", id]);

    const all = await phresh(["offers", "mine"], as(carol));
    expect(all).toMatchObject({ code: 0, stderr: "" });
    expect(all.stdout).toMatch(/│ Cleaning │ Name +│ Type +│ +Price │ Status +│ Offered +│/);
    expect(all.stdout).toMatch(
      new RegExp(`│ +${ids[0]} │ Job \\d+ +│ Spot clean │ +12\\.50 │ pending │`),
    );
    expect(all.stdout).not.toContain("More:");

    const first = await phresh(["offers", "mine", "--limit", "2"], as(carol));
    const cursor = /\nMore: run the same command with --cursor (\S+)\n$/.exec(first.stdout)?.[1];
    expect(cursor).toBeDefined();
    const rest = await jsonOf<MyOffersPage>(carol, [
      "offers",
      "mine",
      "--limit",
      "2",
      "--cursor",
      cursor ?? "",
    ]);
    // Newest first: the first page held the last two offers made.
    expect(rest.items.map((offer) => String(offer.cleaning_id))).toEqual([ids[0]]);
    expect(rest.items[0]).toMatchObject({ status: "pending", cleaning: { price: 12.5 } });
    expect(rest.next_cursor).toBeNull();
  });

  it("exits 2 on a cleaning id, name or page the API would refuse, before sending it", async () => {
    const usage = async (args: string[]) => {
      const run = await phresh(["offers", ...args], as(owner));
      expect(run, args.join(" ")).toMatchObject({ code: 2, stdout: "" });
      return run.stderr;
    };
    expect(await usage(["make", "0"])).toContain("A cleaning id is a positive whole number");
    expect(await usage(["accept", "1", "ann b"])).toBe(
      "phresh: Invalid offer: name: may contain only letters, digits, _ and -\n",
    );
    expect(await usage(["accept", "1"])).toContain("missing required argument 'name'");
    expect(await usage(["mine", "--limit", "51"])).toMatch(/^phresh: Invalid page: limit: /);
    expect(await usage(["mine", "--cursor", "junk"])).toMatch(/^phresh: Invalid page: cursor: /);
  });
});
