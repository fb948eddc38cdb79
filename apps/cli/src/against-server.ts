// For tests that run `phresh` as people do: a child process, against the production build of
// apps/web (turbo builds it before this package's tests; locally run `next build` in apps/web
// once), served on an embedded database in a temporary directory. Each test file that calls
// `againstRunningServer()` gets its own server. Passwords go in through PHRESH_PASSWORD only.
// The accounts the tests act as are set up by the same program run in this process: a child
// process costs a fifth of a second to start, and main.test.ts runs those commands as children.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RouterOutputs } from "@phresh/api";
import { type RunningServer, startProductionServer } from "@phresh/web/testing";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { readEnvironment } from "./environment.ts";
import { type Run, runInProcess } from "./run-in-process.ts";

const cliDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const PASSWORD = "Clean-stairs-1";

export type { Run };

export type RunOptions = { configHome: string; password?: string; url?: string; input?: string };

/** A signed-up, verified, logged-in account and the $XDG_CONFIG_HOME that holds its token. */
export type TestUser = { email: string; name: string; configHome: string };

export type Cleaning = RouterOutputs["cleanings"]["create"];

/** Runs as `user`, on the machine that holds its token. */
export const as = (user: TestUser): RunOptions => ({ configHome: user.configHome });

/** Starts a server before the file's tests and stops it after them. */
export function againstRunningServer() {
  const temporary = mkdtempSync(path.join(os.tmpdir(), "phresh-cli-"));
  let server: RunningServer | undefined;

  beforeAll(async () => {
    // On a copy of a migrated directory (migrated-server-data.ts): a first start's initdb has
    // tests of its own in apps/web.
    const dataDirectory = path.join(temporary, "data");
    cpSync(inject("migratedServerData"), dataDirectory, { recursive: true });
    const started = await startProductionServer(dataDirectory);
    if (!started.output().includes("Phresh database ready")) {
      started.process.kill("SIGTERM");
      throw new Error(`The server did not start:\n${started.output()}`);
    }
    server = started;
  });

  afterAll(async () => {
    if (server) {
      server.process.kill("SIGTERM");
      await server.exited;
    }
    rmSync(temporary, { recursive: true, force: true });
  });

  function serverUrl(): string {
    if (!server) throw new Error("The server is not running (yet).");
    return server.url;
  }

  let configHomes = 0;
  /** A fresh $XDG_CONFIG_HOME: one per simulated user or machine. */
  function newConfigHome(): string {
    configHomes += 1;
    return path.join(temporary, `config-${configHomes}`);
  }

  /** The environment `phresh` runs with: the process's own, but for where and as whom. */
  function environmentFor(options: RunOptions): NodeJS.ProcessEnv {
    const environment: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_CONFIG_HOME: options.configHome,
      PHRESH_URL: options.url ?? serverUrl(),
    };
    delete environment.PHRESH_PASSWORD;
    if (options.password !== undefined) environment.PHRESH_PASSWORD = options.password;
    return environment;
  }

  async function phresh(args: string[], options: RunOptions): Promise<Run> {
    // The launcher `pnpm phresh` runs (turbo compiles the program before these tests).
    const child = spawn(process.execPath, ["bin/phresh.mjs", ...args], {
      cwd: cliDirectory,
      env: environmentFor(options),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    // No terminal: a prompt reads these lines, or meets the end of the input at once.
    child.stdin.end(options.input ?? "");
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    return { code, stdout, stderr };
  }

  /**
   * `phresh …args` run in this process, as main.ts runs it but without starting a child: for
   * setting up the accounts that tests act as, not for the commands a test is about.
   */
  function phreshInProcess(args: string[], options: RunOptions): Promise<Run> {
    return runInProcess(args, readEnvironment(environmentFor(options)), options.input);
  }

  /**
   * The token of the newest `page` mail to `email`, taken from its link as a person would copy
   * it. Waits a little: the server sends some mails after answering (so its timing reveals
   * nothing).
   */
  async function tokenFromMail(email: string, page: "verify" | "reset-password"): Promise<string> {
    // With APP_URL unset, links point at the port the server listens on.
    const port = new URL(serverUrl()).port;
    const pattern = new RegExp(`http://localhost:${port}/${page}\\?token=(\\S+)`);
    // Generous, for a busy machine: the loop ends as soon as the mail is there.
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const outbox = (await (await fetch(`${serverUrl()}/api/dev/outbox`)).json()) as {
        to: string;
        text: string;
      }[];
      const mail = outbox.find(
        (candidate) => candidate.to === email && pattern.test(candidate.text),
      );
      const link = pattern.exec(mail?.text ?? "");
      if (link?.[1]) return decodeURIComponent(link[1]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${page} link mailed to ${email}`);
  }

  let accounts = 0;
  /** Registers, verifies and logs in a new account with the CLI's commands (in this process). */
  async function signedUpUser(): Promise<TestUser> {
    accounts += 1;
    const email = `user${accounts}@example.com`;
    const name = `user_${accounts}`;
    const configHome = newConfigHome();
    const user = { configHome, password: PASSWORD };
    const succeeds = async (args: string[]) =>
      expect(await phreshInProcess(args, user), args.join(" ")).toMatchObject({
        code: 0,
        stderr: "",
      });
    await succeeds(["register", "--email", email, "--name", name]);
    await succeeds(["verify", await tokenFromMail(email, "verify")]);
    await succeeds(["login", "--email", email]);
    return { email, name, configHome };
  }

  /** An account signed up before the file's tests; reading a field of it earlier throws. */
  function userSignedUpBeforeAll(): TestUser {
    let user: TestUser | undefined;
    beforeAll(async () => {
      user = await signedUpUser();
    });
    const signedUp = (): TestUser => {
      if (!user) throw new Error("The account is signed up before the tests; read it in one.");
      return user;
    };
    return {
      get email() {
        return signedUp().email;
      },
      get name() {
        return signedUp().name;
      },
      get configHome() {
        return signedUp().configHome;
      },
    };
  }

  /**
   * The people a file's tests share, signed up before its tests (after the server starts, in the
   * order named). They are returned at once, so the file names them at its top, and the tests
   * read them.
   */
  function signUpBeforeAll<Name extends string>(...names: Name[]): Record<Name, TestUser> {
    const people = Object.fromEntries(names.map((name) => [name, userSignedUpBeforeAll()]));
    // fromEntries types its keys as any string; they are exactly `names`.
    return people as Record<Name, TestUser>;
  }

  /** An account whose stored token the server no longer accepts: it logged out everywhere. */
  async function userWithEndedSession(): Promise<TestUser> {
    const user = await signedUpUser();
    const otherMachine = { configHome: newConfigHome(), password: PASSWORD };
    await phreshInProcess(["login", "--email", user.email], otherMachine);
    const everywhere = await phreshInProcess(["logout", "--everywhere"], otherMachine);
    expect(everywhere).toMatchObject({ code: 0, stderr: "" });
    return user;
  }

  /** `phresh --json …args` with a stored token that no longer counts: exit 1, the server's words. */
  async function expectEndedSessionRefused(args: string[]): Promise<void> {
    const run = await phresh(["--json", ...args], as(await userWithEndedSession()));
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(JSON.parse(run.stderr)).toEqual({
      error: {
        message: "You are not logged in, or your session has ended: run `phresh login`.",
        code: "UNAUTHORIZED",
        exit_code: 1,
      },
    });
  }

  /** `phresh --json …` as `user`, expected to succeed; its parsed output. */
  async function jsonOf<T>(user: TestUser, args: string[]): Promise<T> {
    const run = await phresh(["--json", ...args], as(user));
    expect(run, args.join(" ")).toMatchObject({ code: 0, stderr: "" });
    return JSON.parse(run.stdout) as T;
  }

  /** `phresh cleanings create …` as `owner`, with `options` such as `--name`, `--price`. */
  function postCleaning(owner: TestUser, options: string[]): Promise<Cleaning> {
    return jsonOf<Cleaning>(owner, ["cleanings", "create", ...options]);
  }

  return {
    serverUrl,
    newConfigHome,
    phresh,
    tokenFromMail,
    signedUpUser,
    signUpBeforeAll,
    expectEndedSessionRefused,
    jsonOf,
    postCleaning,
  };
}
