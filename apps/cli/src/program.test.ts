// The program's wiring, run in-process: usage errors and help need no server (main.test.ts runs
// the real thing as a child process against a real server).
import { type AddressInfo, createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./run-in-process.ts";

/** A port that was free a moment ago, so nothing answers there. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// fetch refuses port 9 without trying it: a command that got as far as sending would exit 3.
async function run(
  args: string[],
  serverUrl = "http://127.0.0.1:9",
  configDirectory = path.join(os.tmpdir(), "phresh-program-test-never-written"),
) {
  return runInProcess(args, { serverUrl, password: undefined, configDirectory });
}

describe("the phresh program", () => {
  it.each([
    ["an unknown command", ["clean"], /unknown command 'clean'/],
    ["an unknown option", ["whoami", "--verbose"], /unknown option '--verbose'/],
    [
      "a missing required option",
      ["cleanings", "create", "--name", "x"],
      /'--price <amount>' not specified/,
    ],
    [
      "a price that is not a number",
      ["cleanings", "create", "--name", "x", "--price", "ten"],
      /A price is a number/,
    ],
    [
      "a price the API would refuse",
      ["cleanings", "create", "--name", "x", "--price", "100000000"],
      /^phresh: Invalid cleaning: price: /,
    ],
    [
      "an empty cleaning name",
      ["cleanings", "create", "--name", " ", "--price", "1"],
      /^phresh: Invalid cleaning: name: /,
    ],
    [
      "an unknown cleaning type",
      ["cleanings", "update", "1", "--type", "deep"],
      /Allowed choices are dust_up, spot_clean, full_clean/,
    ],
    ["a cleaning id that cannot exist", ["cleanings", "show", "0"], /positive whole number/],
    ["a missing cleaning id", ["cleanings", "delete"], /missing required argument 'id'/],
    [
      "an update that changes nothing",
      ["cleanings", "update", "3"],
      /^phresh: Invalid update: must change at least one field/,
    ],
    [
      "an e-mail address that is not one",
      ["forgot-password", "--email", "nobody"],
      /^phresh: Invalid e-mail address: /,
    ],
    [
      "a name the API would refuse",
      ["register", "--email", "a@example.com", "--name", "ann b"],
      /^phresh: Invalid name: may contain only letters, digits, _ and -$/m,
    ],
    ["a URL that is not one", ["--url", "localhost:3000", "whoami"], /^phresh: Not a server URL/],
    ["a link without a token", ["verify", "http://localhost:3000/verify"], /carries no token/],
    ["a password option", ["login", "--password", "x"], /never read from the command line/],
    [
      "a search whose price range is upside down",
      ["jobs", "search", "--min-price", "9", "--max-price", "1"],
      /^phresh: Invalid search: max-price: must not be below min_price$/m,
    ],
    ["an unknown sort", ["jobs", "search", "--sort", "cheap"], /Allowed choices are newest/],
    ["a feed page too large", ["feed", "--limit", "51"], /^phresh: Invalid feed page: limit: /],
    ["a rating out of range", ["evaluate", "1", "anne", "--overall", "6"], /overall: /],
    ["an evaluation without --overall", ["evaluate", "1", "anne"], /'--overall <rating>'/],
    ["an offerer name the API would refuse", ["offers", "accept", "1", "a"], /Invalid offer: name/],
    ["a profile edit that changes nothing", ["profile", "edit"], /must change at least one/],
    ["no command at all", [], /Usage: phresh/],
    ["a command group without its command", ["cleanings"], /Usage: phresh cleanings/],
  ])("exits 2 on %s, before sending anything", async (_case, args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain("Cannot reach");
  });

  it.each([
    [[]],
    [["register"]],
    [["verify"]],
    [["login"]],
    [["logout"]],
    [["whoami"]],
    [["forgot-password"]],
    [["reset-password"]],
    [["cleanings"]],
    [["cleanings", "list"]],
    [["cleanings", "show"]],
    [["cleanings", "create"]],
    [["cleanings", "update"]],
    [["cleanings", "delete"]],
    [["jobs"]],
    [["jobs", "search"]],
    [["feed"]],
    [["offers"]],
    [["offers", "make"]],
    [["offers", "rescind"]],
    [["offers", "cancel"]],
    [["offers", "list"]],
    [["offers", "accept"]],
    [["offers", "mine"]],
    [["evaluate"]],
    [["profile"]],
    [["profile", "show"]],
    [["profile", "edit"]],
  ])("prints help for `phresh %s --help` and exits 0", async (command) => {
    const result = await run([...command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: ${["phresh", ...command].join(" ")} `));
  });

  it("documents where passwords come from in the help of the commands that need one", async () => {
    for (const command of ["register", "login", "reset-password"]) {
      const result = await run([command, "--help"]);
      expect(result.stdout, command).toContain("PHRESH_PASSWORD");
      expect(result.stdout, command).not.toContain("--password");
    }
  });

  it("answers exit 3 naming the URL once a command gets as far as the network", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await run(["forgot-password", "--email", "ann@example.com"], url);
    expect(result).toMatchObject({
      code: 3,
      stderr: `phresh: Cannot reach the Phresh server at ${url} (connection refused).\n`,
    });
  });

  it("reports a local failure, such as an unreadable credentials file, in one line with exit 1", async () => {
    // A directory that cannot exist: its parent is a file.
    const notADirectory = path.join(fileURLToPath(import.meta.url), "phresh");
    const result = await run(["whoami"], "http://127.0.0.1:9", notADirectory);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^phresh: ENOTDIR: .*credentials\.json'\n$/);
  });
});
