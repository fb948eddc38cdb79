// `phresh` as people run it: a child process, against the production build of apps/web, served
// on an embedded database in a temporary directory (see against-server.ts).
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { freePort } from "@phresh/web/testing";
import { describe, expect, it } from "vitest";
import { againstRunningServer, PASSWORD } from "./against-server.ts";

const { serverUrl, newConfigHome, phresh, tokenFromMail, signedUpUser } = againstRunningServer();

describe("phresh against a running Phresh server", () => {
  it("takes a new user from registration through cleanings to logging out", async () => {
    const user = { configHome: newConfigHome(), password: PASSWORD };
    const email = "stairs@example.com";

    const registered = await phresh(
      ["register", "--email", "Stairs@Example.com", "--name", "stairs"],
      user,
    );
    expect(registered).toMatchObject({ code: 0, stderr: "" });
    expect(registered.stdout).toContain(`Registered stairs <${email}>`);

    const unverified = await phresh(["login", "--email", email], user);
    expect(unverified.code).toBe(1);
    expect(unverified.stderr).toMatch(/^phresh: Your e-mail address is not verified yet/);

    const verified = await phresh(["verify", await tokenFromMail(email, "verify")], user);
    expect(verified).toMatchObject({ code: 0, stderr: "" });
    expect(verified.stdout).toContain(`Verified ${email}.`);

    const loggedIn = await phresh(["login", "--email", email], user);
    expect(loggedIn).toMatchObject({ code: 0, stderr: "" });
    expect(loggedIn.stdout).toBe(`Logged in to ${serverUrl()} as ${email}.\n`);

    const whoami = await phresh(["whoami"], user);
    expect(whoami.code).toBe(0);
    expect(whoami.stdout).toMatch(/│ E-mail +│ stairs@example\.com +│/);
    expect(whoami.stdout).toMatch(/│ Verified +│ yes +│/);

    const created = await phresh(
      ["cleanings", "create", "--name", "Stairwell", "--price", "80", "--type", "full_clean"],
      user,
    );
    expect(created.code).toBe(0);
    const id = Number(/Created cleaning (\d+)\./.exec(created.stdout)?.[1]);
    expect(id).toBeGreaterThan(0);
    expect(created.stdout).toMatch(/│ Type +│ Full clean +│/);

    const second = await phresh(
      ["cleanings", "create", "--name", "Attic", "--price", "12.5", "--description", "Dusty"],
      user,
    );
    expect(second.code).toBe(0);

    const list = await phresh(["cleanings", "list"], user);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/│ ID +│ Name +│ Type +│ Price +│ Created +│/);
    expect(list.stdout).toMatch(new RegExp(`│ +${id} │ Stairwell +│ Full clean +│ +80\\.00 │`));
    expect(list.stdout).toMatch(/│ Attic +│ Spot clean +│ +12\.50 │/);
    // Newest first.
    expect(list.stdout.indexOf("Attic")).toBeLessThan(list.stdout.indexOf("Stairwell"));

    const updated = await phresh(
      ["cleanings", "update", String(id), "--price", "95.25", "--description", "All floors"],
      user,
    );
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain(`Updated cleaning ${id}.`);

    const shown = await phresh(["cleanings", "show", String(id)], user);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/│ Name +│ Stairwell +│/);
    expect(shown.stdout).toMatch(/│ Price +│ 95\.25 +│/);
    expect(shown.stdout).toMatch(/│ Description +│ All floors +│/);

    const deleted = await phresh(["cleanings", "delete", String(id)], user);
    expect(deleted).toMatchObject({ code: 0, stdout: `Deleted cleaning ${id}.\n` });
    const gone = await phresh(["cleanings", "show", String(id)], user);
    expect(gone).toMatchObject({ code: 1, stderr: "phresh: There is no such cleaning.\n" });

    const loggedOut = await phresh(["logout"], user);
    expect(loggedOut).toMatchObject({ code: 0, stdout: `Logged out of ${serverUrl()}.\n` });

    const afterLogout = await phresh(["whoami"], user);
    expect(afterLogout.code).toBe(1);
    expect(afterLogout.stderr).toBe(
      `phresh: You are not logged in to ${serverUrl()}: run \`phresh login\`.\n`,
    );
  });

  it("keeps the token in a credentials file only its owner can read, and removes it at logout", async () => {
    const { email, configHome } = await signedUpUser();
    const file = path.join(configHome, "phresh", "credentials.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const { servers } = JSON.parse(readFileSync(file, "utf8"));
    expect(Object.keys(servers)).toEqual([serverUrl()]);
    expect(servers[serverUrl()]).toMatchObject({ email, access_token: expect.any(String) });

    expect((await phresh(["logout"], { configHome })).code).toBe(0);
    const after = JSON.parse(readFileSync(file, "utf8"));
    expect(after.servers).toEqual({});
  });

  it("prints results as parseable JSON with --json, before or after the command", async () => {
    const { email, configHome } = await signedUpUser();
    const created = await phresh(
      ["--json", "cleanings", "create", "--name", "Porch", "--price", "19.99"],
      { configHome },
    );
    expect(created.code).toBe(0);
    const cleaning = JSON.parse(created.stdout);
    expect(cleaning).toMatchObject({
      name: "Porch",
      price: 19.99,
      cleaning_type: "spot_clean",
      description: null,
    });

    const list = await phresh(["cleanings", "list", "--json"], { configHome });
    // The list shows each cleaning with its offers (none yet).
    expect(JSON.parse(list.stdout)).toEqual([{ ...cleaning, offers: [], total_offers: 0 }]);
    const me = await phresh(["whoami", "--json"], { configHome });
    expect(JSON.parse(me.stdout)).toMatchObject({ email, is_verified: true });

    const missing = await phresh(["--json", "cleanings", "show", "2000000000"], { configHome });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(JSON.parse(missing.stderr)).toEqual({
      error: {
        message: "There is no such cleaning.",
        code: "CLEANING_NOT_FOUND",
        exit_code: 1,
      },
    });
  });

  it("explains the server's refusals in one line and exits 1", async () => {
    const owner = await signedUpUser();
    const stranger = await signedUpUser();

    const wrongPassword = await phresh(["login", "--email", owner.email], {
      configHome: newConfigHome(),
      password: "Not-the-password-1",
    });
    expect(wrongPassword).toMatchObject({
      code: 1,
      stdout: "",
      stderr: "phresh: Wrong e-mail address or password.\n",
    });

    const taken = await phresh(["register", "--email", owner.email, "--name", "someone"], {
      configHome: newConfigHome(),
      password: PASSWORD,
    });
    expect(taken).toMatchObject({
      code: 1,
      stderr: "phresh: An account with this e-mail address already exists.\n",
    });

    // The password policy is the server's (chosen at its start-up): its rules come back as field messages.
    const weak = await phresh(["register", "--email", "weak@example.com", "--name", "weakling"], {
      configHome: newConfigHome(),
      password: "short",
    });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(
      /^phresh: Some fields are not valid\. password: Password must have/,
    );
    expect(weak.stderr.trim().split("\n")).toHaveLength(1);

    const created = await phresh(
      ["--json", "cleanings", "create", "--name", "Mine", "--price", "5"],
      {
        configHome: owner.configHome,
      },
    );
    const { id } = JSON.parse(created.stdout) as { id: number };
    const notYours = await phresh(["cleanings", "delete", String(id)], {
      configHome: stranger.configHome,
    });
    expect(notYours).toMatchObject({
      code: 1,
      stderr: "phresh: Only the owner of this cleaning may change it.\n",
    });
  });

  it("forgets a token the server no longer accepts when logging out", async () => {
    const { email, configHome } = await signedUpUser();
    const otherMachine = newConfigHome();
    await phresh(["login", "--email", email], { configHome: otherMachine, password: PASSWORD });
    const everywhere = await phresh(["logout", "--everywhere"], { configHome: otherMachine });
    expect(everywhere).toMatchObject({
      code: 0,
      stdout: `Logged out of ${serverUrl()} on every device.\n`,
    });

    const whoami = await phresh(["whoami"], { configHome });
    expect(whoami).toMatchObject({
      code: 1,
      stderr: "phresh: You are not logged in, or your session has ended: run `phresh login`.\n",
    });
    const logout = await phresh(["logout"], { configHome });
    expect(logout.code).toBe(0);
    expect(logout.stdout).toContain("had already ended; its token is forgotten");
    expect((await phresh(["whoami"], { configHome })).stderr).toContain(
      `You are not logged in to ${serverUrl()}`,
    );
  });

  it("resets a forgotten password with the link from the mail", async () => {
    const { email, configHome } = await signedUpUser();
    const forgot = await phresh(["forgot-password", "--email", email], { configHome });
    expect(forgot.code).toBe(0);
    expect(forgot.stdout).toContain(`If ${email} has an account`);
    const token = await tokenFromMail(email, "reset-password");
    const newPassword = "Fresh-start-22";

    const reset = await phresh(
      ["reset-password", `http://localhost:3000/reset-password?token=${encodeURIComponent(token)}`],
      {
        configHome,
        password: newPassword,
      },
    );
    expect(reset.code).toBe(0);
    // A reset ends every session, the stored one included.
    expect((await phresh(["whoami"], { configHome })).code).toBe(1);
    const again = await phresh(["reset-password", token], { configHome, password: newPassword });
    expect(again).toMatchObject({
      code: 1,
      stderr: "phresh: Cannot reset the password with this token. The link was already used.\n",
    });
    expect(
      (await phresh(["login", "--email", email], { configHome, password: PASSWORD })).code,
    ).toBe(1);
    expect(
      (await phresh(["login", "--email", email], { configHome, password: newPassword })).code,
    ).toBe(0);
  });

  it("asks for the e-mail address and name when they are not given", async () => {
    const configHome = newConfigHome();
    const registered = await phresh(["register"], {
      configHome,
      password: PASSWORD,
      input: "prompted@example.com\nprompted\n",
    });
    expect(registered.code).toBe(0);
    expect(registered.stderr).toBe("E-mail: Name: ");
    expect(registered.stdout).toContain("Registered prompted <prompted@example.com>");
  });

  it("never takes a password from the command line", async () => {
    const configHome = newConfigHome();
    for (const args of [
      ["login", "--email", "a@example.com", "--password", "hunter2-secret"],
      ["login", "--email", "a@example.com", "--password=hunter2-secret"],
      ["register", "--email", "a@example.com", "--name", "abcd", "--password", "hunter2-secret"],
      ["reset-password", "some-token", "--password", "hunter2-secret"],
    ]) {
      const run = await phresh(args, { configHome });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain("Passwords are never read from the command line");
      expect(run.stderr).not.toContain("hunter2");
    }
    // Without PHRESH_PASSWORD and without a terminal there is nobody to ask.
    const noTerminal = await phresh(["login", "--email", "a@example.com"], { configHome });
    expect(noTerminal).toMatchObject({
      code: 2,
      stderr: "phresh: No terminal to ask for the password: set PHRESH_PASSWORD instead.\n",
    });
  });

  it("exits 2 on a usage error, commander's own included, before sending anything", async () => {
    const configHome = newConfigHome();
    const unknownOption = await phresh(["whoami", "--verbose"], { configHome });
    expect(unknownOption).toMatchObject({ code: 2, stdout: "" });
    expect(unknownOption.stderr).toContain("unknown option '--verbose'");
    const badPrice = await phresh(["cleanings", "create", "--name", "x", "--price", "1.005"], {
      configHome,
    });
    expect(badPrice).toMatchObject({
      code: 2,
      stderr: "phresh: Invalid cleaning: price: must have at most 2 decimal places\n",
    });
  });

  it("takes a token that begins with a dash as the token, not as an option", async () => {
    const run = await phresh(["verify", "-b1G-not-a-real-token"], { configHome: newConfigHome() });
    expect(run).toMatchObject({
      code: 1,
      stderr: "phresh: Cannot verify with this token. The link is not valid.\n",
    });
  });

  it("exits 3 naming the URL when no server answers there", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await phresh(["login", "--email", "a@example.com"], {
      configHome: newConfigHome(),
      password: PASSWORD,
      url,
    });
    expect(run).toMatchObject({
      code: 3,
      stdout: "",
      stderr: `phresh: Cannot reach the Phresh server at ${url} (connection refused).\n`,
    });
  });
});
