// `phresh feed` against a running server (see against-server.ts).
import type { RouterOutputs } from "@phresh/api";
import { beforeAll, describe, expect, it } from "vitest";
import { againstRunningServer, as, type Cleaning } from "../against-server.ts";

const { phresh, signUpBeforeAll, expectEndedSessionRefused, jsonOf, newConfigHome, postCleaning } =
  againstRunningServer();

type Page = RouterOutputs["feed"]["cleanings"];

const { owner, reader } = signUpBeforeAll("owner", "reader");
let porch: Cleaning;

beforeAll(async () => {
  porch = await postCleaning(owner, ["--name", "Porch", "--price", "19.9"]);
  await postCleaning(owner, ["--name", "Cellar", "--price", "75", "--type", "full_clean"]);
  await postCleaning(owner, ["--name", "Hallway", "--price", "30", "--type", "dust_up"]);
  await jsonOf(owner, ["cleanings", "update", String(porch.id), "--price", "25"]);
});

describe("phresh feed", () => {
  it("shows every cleaning posted or changed, newest first, as an aligned table", async () => {
    const run = await phresh(["feed"], as(reader));
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/│ When +│ Event +│ ID │ Name +│ Type +│ +Price │ Owner +│/);
    const rows = run.stdout.split("\n").filter((line) => /│ (posted|updated) /.test(line));
    expect(rows.map((row) => row.split("│")[4]?.trim())).toEqual([
      "Porch",
      "Hallway",
      "Cellar",
      "Porch",
    ]);
    expect(rows[0]).toMatch(
      new RegExp(`│ updated │ +${porch.id} │ Porch +│ Spot clean │ +25\\.00 │ ${owner.name} +│`),
    );
    expect(rows[3]).toMatch(/│ posted +│ +\d+ │ Porch +│ Spot clean │ +25\.00 │/);
    expect(run.stdout).not.toContain("More:");
  });

  it("prints the procedure's page with --json", async () => {
    const page = await jsonOf<Page>(reader, ["feed", "--limit", "1"]);
    expect(page.items).toEqual([
      expect.objectContaining({
        id: porch.id,
        event_type: "is_update",
        price: 25,
        owner: expect.objectContaining({ name: owner.name }),
        row_number: 1,
      }),
    ]);
    expect(page.next_cursor).toEqual(expect.any(String));
  });

  it("says how to get the next page with --more, and that page follows on", async () => {
    const first = await phresh(["feed", "--limit", "3"], as(reader));
    expect(first.code).toBe(0);
    const cursor = /\nMore: run the same command with --more (\S+)\n$/.exec(first.stdout)?.[1];
    expect(cursor).toBeDefined();
    const second = await jsonOf<Page>(reader, ["feed", "--limit", "3", "--more", cursor ?? ""]);
    expect(second.items.map((event) => [event.name, event.event_type])).toEqual([
      ["Porch", "is_create"],
    ]);
    expect(second.next_cursor).toBeNull();
  });

  it("exits 2 on a page size or cursor the API would refuse, naming the option", async () => {
    const tooBig = await phresh(["feed", "--limit", "51"], as(reader));
    expect(tooBig).toMatchObject({ code: 2, stdout: "" });
    expect(tooBig.stderr).toMatch(/^phresh: Invalid feed page: limit: /);
    const notACursor = await phresh(["--json", "feed", "--more", "nonsense"], as(reader));
    expect(notACursor.code).toBe(2);
    expect(JSON.parse(notACursor.stderr)).toMatchObject({
      error: { message: expect.stringMatching(/^Invalid feed page: more: /), exit_code: 2 },
    });
    const notANumber = await phresh(["feed", "--limit", "many"], as(reader));
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toContain("A whole number");
  });

  it("exits 1 when nobody is logged in", async () => {
    const run = await phresh(["feed"], { configHome: newConfigHome() });
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toMatch(/^phresh: You are not logged in to .*: run `phresh login`\.\n$/);
  });

  it("exits 1 with the server's refusal when the stored session has ended", async () => {
    await expectEndedSessionRefused(["feed"]);
  });
});
