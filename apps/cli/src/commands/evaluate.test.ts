// `phresh evaluate` against a running server (see against-server.ts).
import type { RouterOutputs } from "@phresh/api";
import { describe, expect, it } from "vitest";
import { againstRunningServer, as } from "../against-server.ts";

const { phresh, signUpBeforeAll, jsonOf, postCleaning } = againstRunningServer();

type Evaluation = RouterOutputs["evaluations"]["create"];
type MyOffersPage = RouterOutputs["offers"]["mine"];

const { owner, cleaner } = signUpBeforeAll("owner", "cleaner");

/** A cleaning of `owner` whose offer by `cleaner` is accepted: ready to be evaluated. */
async function doneCleaning(name: string): Promise<string> {
  const cleaning = await postCleaning(owner, ["--name", name, "--price", "40"]);
  const id = String(cleaning.id);
  await jsonOf(cleaner, ["offers", "make", id]);
  await jsonOf(owner, ["offers", "accept", id, cleaner.name]);
  return id;
}

describe("phresh evaluate", () => {
  it("rates the cleaner of an accepted offer, which completes the offer, once", async () => {
    const id = await doneCleaning("Bathroom");
    const args = ["evaluate", id, cleaner.name, "--overall", "5", "--professionalism", "4"];
    const run = await phresh(
      [...args, "--headline", "Spotless", "--comment", "Came early."],
      as(owner),
    );
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(
      new RegExp(`^You evaluated ${cleaner.name}'s work on cleaning ${id}\\.\\n`),
    );
    expect(run.stdout).toMatch(new RegExp(`│ Cleaning +│ ${id} \\(Bathroom\\) +│`));
    expect(run.stdout).toMatch(/│ Overall +│ 5 of 5 +│/);
    expect(run.stdout).toMatch(/│ Professionalism +│ 4 of 5 +│/);
    expect(run.stdout).toMatch(/│ Efficiency +│ — +│/);
    expect(run.stdout).toMatch(/│ No-show +│ no +│/);
    expect(run.stdout).toMatch(/│ Headline +│ Spotless +│/);

    const mine = await jsonOf<MyOffersPage>(cleaner, ["offers", "mine"]);
    expect(mine.items.find((offer) => String(offer.cleaning_id) === id)?.status).toBe("completed");

    const again = await phresh(args, as(owner));
    expect(again).toMatchObject({
      code: 1,
      stdout: "",
      stderr: "phresh: This offer has not been accepted (or was already evaluated).\n",
    });
  });

  it("prints the procedure's evaluation with --json, a no-show included", async () => {
    const id = await doneCleaning("Garage");
    const evaluation = await jsonOf<Evaluation>(owner, [
      "evaluate",
      id,
      cleaner.name,
      "--overall",
      "0",
      "--no-show",
    ]);
    expect(evaluation).toMatchObject({
      cleaning_id: Number(id),
      cleaning_name: "Garage",
      overall_rating: 0,
      professionalism: null,
      headline: null,
      no_show: true,
    });
  });

  it("refuses, with exit 1, to let anyone but the cleaning's owner evaluate", async () => {
    const id = await doneCleaning("Loft");
    const run = await phresh(
      ["--json", "evaluate", id, cleaner.name, "--overall", "1"],
      as(cleaner),
    );
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(JSON.parse(run.stderr)).toEqual({
      error: {
        message: "Only the owner of this job may evaluate its cleaner.",
        code: "EVALUATION_NOT_OWNER",
        exit_code: 1,
      },
    });
    const nobody = await phresh(["evaluate", id, "nobody_here", "--overall", "3"], as(owner));
    expect(nobody).toMatchObject({ code: 1, stderr: "phresh: There is no such user.\n" });
  });

  it("exits 2 on ratings or a name the API would refuse, before sending anything", async () => {
    const usage = async (args: string[]) => {
      const run = await phresh(["evaluate", ...args], as(owner));
      expect(run, args.join(" ")).toMatchObject({ code: 2, stdout: "" });
      return run.stderr;
    };
    expect(await usage(["1", cleaner.name, "--overall", "6"])).toMatch(
      /^phresh: Invalid evaluation: overall: /,
    );
    expect(await usage(["1", cleaner.name, "--overall", "4", "--efficiency", "9"])).toMatch(
      /^phresh: Invalid evaluation: efficiency: /,
    );
    expect(await usage(["1", cleaner.name, "--overall", "five"])).toContain("A whole number");
    expect(await usage(["1", cleaner.name])).toContain("'--overall <rating>' not specified");
    expect(await usage(["1", "no", "--overall", "3"])).toBe(
      "phresh: Invalid evaluation: name: must be at least 4 characters\n",
    );
  });
});
