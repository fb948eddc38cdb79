// `phresh jobs search` against a running server (see against-server.ts).
import type { RouterOutputs } from "@phresh/api";
import { beforeAll, describe, expect, it } from "vitest";
import { againstRunningServer, as, type Cleaning } from "../against-server.ts";

const { phresh, signUpBeforeAll, expectEndedSessionRefused, jsonOf, newConfigHome, postCleaning } =
  againstRunningServer();

type Page = RouterOutputs["jobs"]["search"];

const { owner, searcher } = signUpBeforeAll("owner", "searcher");
let kitchen: Cleaning;
let shed: Cleaning;
let windows: Cleaning;

beforeAll(async () => {
  const create = (options: string[]) => postCleaning(owner, options);
  kitchen = await create([
    "--name",
    "Kitchen deep scrub",
    "--price",
    "120",
    "--type",
    "full_clean",
  ]);
  shed = await create(["--name", "Garden shed", "--price", "15.5", "--type", "dust_up"]);
  windows = await create(["--name", "Kitchen windows", "--price", "40"]);
});

describe("phresh jobs search", () => {
  it("lists other people's open jobs as an aligned table, prices with two decimals", async () => {
    const run = await phresh(["jobs", "search"], as(searcher));
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(
      /│ ID │ Name +│ Type +│ +Price │ Owner +│ +Offers │ Your offer │ Posted +│/,
    );
    expect(run.stdout).toMatch(
      new RegExp(`│ +${shed.id} │ Garden shed +│ Dust up +│ +15\\.50 │ ${owner.name} +│ +0 │ — +│`),
    );
    expect(run.stdout).toMatch(/│ Kitchen deep scrub +│ Full clean +│ +120\.00 │/);
    // Newest first, and the whole list fits on one page.
    expect(run.stdout.indexOf("Kitchen windows")).toBeLessThan(run.stdout.indexOf("Garden shed"));
    expect(run.stdout).not.toContain("More:");

    const own = await phresh(["jobs", "search"], as(owner));
    expect(own).toMatchObject({ code: 0, stdout: "No open jobs match.\n" });
  });

  it("narrows by words, type and price range, and sorts by price", async () => {
    const names = async (args: string[]) =>
      (await jsonOf<Page>(searcher, ["jobs", "search", ...args])).items.map((job) => job.name);
    expect(await names(["kitchen"])).toEqual(["Kitchen windows", "Kitchen deep scrub"]);
    expect(await names(["kitchen -windows"])).toEqual(["Kitchen deep scrub"]);
    expect(await names(["--type", "dust_up"])).toEqual(["Garden shed"]);
    expect(await names(["--min-price", "20", "--max-price", "100"])).toEqual(["Kitchen windows"]);
    expect(await names(["--sort", "price_asc"])).toEqual([
      "Garden shed",
      "Kitchen windows",
      "Kitchen deep scrub",
    ]);
  });

  it("prints the procedure's page with --json, the next cursor included", async () => {
    const page = await jsonOf<Page>(searcher, [
      "jobs",
      "search",
      "--sort",
      "price_desc",
      "--limit",
      "2",
    ]);
    expect(page.items.map((job) => job.id)).toEqual([kitchen.id, windows.id]);
    expect(page.items[0]).toMatchObject({
      ...kitchen,
      owner: { name: owner.name },
      total_offers: 0,
      my_offer_status: null,
    });
    expect(page.next_cursor).toEqual(expect.any(String));
  });

  it("says how to get the next page, and that page follows on", async () => {
    const args = ["jobs", "search", "--sort", "price_desc", "--limit", "2"];
    const first = await phresh(args, as(searcher));
    expect(first.code).toBe(0);
    const cursor = /\nMore: run the same command with --cursor (\S+)\n$/.exec(first.stdout)?.[1];
    expect(cursor).toBeDefined();

    const second = await phresh([...args, "--cursor", cursor ?? ""], as(searcher));
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/│ Garden shed +│/);
    expect(second.stdout).not.toMatch(/Kitchen/);
    expect(second.stdout).not.toContain("More:");
  });

  it("exits 2 on a search the API would refuse, naming the option, before sending it", async () => {
    const refused = async (args: string[]) => {
      const run = await phresh(["jobs", "search", ...args], as(searcher));
      expect(run, args.join(" ")).toMatchObject({ code: 2, stdout: "" });
      return run.stderr;
    };
    expect(await refused(["--min-price", "50", "--max-price", "10"])).toBe(
      "phresh: Invalid search: max-price: must not be below min_price\n",
    );
    expect(await refused(["--limit", "0"])).toMatch(/^phresh: Invalid search: limit: /);
    expect(await refused(["--cursor", "not-a-cursor"])).toMatch(
      /^phresh: Invalid search: cursor: /,
    );
    expect(await refused(["--sort", "cheapest"])).toContain(
      "Allowed choices are newest, price_asc, price_desc",
    );

    const json = await phresh(["--json", "jobs", "search", "--limit", "51"], as(searcher));
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: null, exit_code: 2 } });
  });

  it("exits 1 when nobody is logged in, with the reason in one line", async () => {
    const run = await phresh(["--json", "jobs", "search"], { configHome: newConfigHome() });
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(JSON.parse(run.stderr)).toMatchObject({
      error: {
        code: "UNAUTHORIZED",
        exit_code: 1,
        message: expect.stringContaining("phresh login"),
      },
    });
  });

  it("exits 1 with the server's refusal when the stored session has ended", async () => {
    await expectEndedSessionRefused(["jobs", "search"]);
  });
});
