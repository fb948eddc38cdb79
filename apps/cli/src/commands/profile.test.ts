// `phresh profile show|edit` against a running server (see against-server.ts).
import type { RouterOutputs } from "@phresh/api";
import { describe, expect, it } from "vitest";
import { againstRunningServer, as } from "../against-server.ts";

const { phresh, signUpBeforeAll, jsonOf, postCleaning } = againstRunningServer();

type Profile = RouterOutputs["profiles"]["me"];

const { ann, ben } = signUpBeforeAll("ann", "ben");

describe("phresh profile", () => {
  it("shows your own profile, contact details included, when no name is given", async () => {
    const run = await phresh(["profile", "show"], as(ann));
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(new RegExp(`│ Name +│ ${ann.name} +│`));
    expect(run.stdout).toMatch(/│ Full name +│ — +│/);
    expect(run.stdout).toMatch(new RegExp(`│ E-mail +│ ${ann.email} +│`));
    expect(run.stdout).toMatch(/│ Phone +│ — +│/);
  });

  it("changes the given fields, clears one with its --no- option, and prints the result", async () => {
    const edited = await phresh(
      [
        "profile",
        "edit",
        "--full-name",
        "Ann Lee",
        "--bio",
        "Tidy.",
        "--phone",
        "+44 20 7946 0000",
      ],
      as(ann),
    );
    expect(edited).toMatchObject({ code: 0, stderr: "" });
    expect(edited.stdout).toMatch(/^Your profile is updated\.\n/);
    expect(edited.stdout).toMatch(/│ Full name +│ Ann Lee +│/);
    expect(edited.stdout).toMatch(/│ Phone +│ \+44 20 7946 0000 +│/);

    const cleared = await jsonOf<Profile>(ann, [
      "profile",
      "edit",
      "--no-bio",
      "--image",
      "https://example.com/ann.png",
    ]);
    expect(cleared).toMatchObject({
      name: ann.name,
      full_name: "Ann Lee",
      bio: null,
      image: "https://example.com/ann.png",
      email: ann.email,
      phone_number: "+44 20 7946 0000",
    });
    expect(await jsonOf<Profile>(ann, ["profile", "show"])).toEqual(cleared);
  });

  it("shows someone else's profile without their contact details until a job joins them", async () => {
    await jsonOf(ben, ["profile", "edit", "--full-name", "Ben Ode", "--phone", "555-0100"]);
    const stranger = await phresh(["profile", "show", ben.name], as(ann));
    expect(stranger).toMatchObject({ code: 0, stderr: "" });
    expect(stranger.stdout).toMatch(/│ Full name +│ Ben Ode +│/);
    expect(stranger.stdout).not.toMatch(/E-mail|Phone|555-0100/);
    expect(await jsonOf<Profile>(ann, ["profile", "show", ben.name])).not.toHaveProperty("email");

    const job = await postCleaning(ann, ["--name", "Deck", "--price", "60"]);
    await jsonOf(ben, ["offers", "make", String(job.id)]);
    await jsonOf(ann, ["offers", "accept", String(job.id), ben.name]);
    const partner = await phresh(["profile", "show", ben.name.toUpperCase()], as(ann));
    expect(partner.stdout).toMatch(new RegExp(`│ E-mail +│ ${ben.email} +│`));
    expect(partner.stdout).toMatch(/│ Phone +│ 555-0100 +│/);
  });

  it("exits 1 with the API's words for a profile that does not exist", async () => {
    const run = await phresh(["--json", "profile", "show", "nobody_here"], as(ann));
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(JSON.parse(run.stderr)).toEqual({
      error: {
        message: "There is no profile with that name.",
        code: "PROFILE_NOT_FOUND",
        exit_code: 1,
      },
    });
  });

  it("exits 2 on a change or a name the API would refuse, before sending anything", async () => {
    const usage = async (args: string[]) => {
      const run = await phresh(["profile", ...args], as(ann));
      expect(run, args.join(" ")).toMatchObject({ code: 2, stdout: "" });
      return run.stderr;
    };
    expect(await usage(["edit"])).toBe("phresh: Invalid profile: must change at least one field\n");
    expect(await usage(["edit", "--image", "javascript:alert(1)"])).toBe(
      "phresh: Invalid profile: image: must be an absolute http or https URL\n",
    );
    expect(await usage(["edit", "--full-name", "x".repeat(101)])).toMatch(
      /^phresh: Invalid profile: full-name: /,
    );
    expect(await usage(["show", "ann lee"])).toBe(
      "phresh: Invalid name: may contain only letters, digits, _ and -\n",
    );
  });
});
