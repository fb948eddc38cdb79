// Starts apps/web's production server (compiled server.ts, as `pnpm start` runs it) in a child
// process for tests, here and in apps/cli. Needs the production build (`pnpm build`: Next's build
// and the compiled server; turbo's test tasks depend on it).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createLogger, type Logger } from "@phresh/api/http";
import { loadConfig } from "@phresh/config";
import { fillWithMigratedCopy } from "@phresh/db/testing";

const webDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** server.ts compiled by scripts/build-server.ts. */
const compiledServer = path.join(webDirectory, ".next", "phresh-server", "server.mjs");

export type RunningServer = {
  url: string;
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  exited: Promise<number | null>;
};

/** True when a server printed that another process had taken its port (startup-failure.ts). */
export function lostItsPort(output: string): boolean {
  return / port \d+ of \S+ is in use\./.test(output);
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export type StartOptions = {
  /**
   * Start from a copy of a migrated database (@phresh/db/testing) instead of a first start's
   * initdb and migrations: for suites that start a server per file.
   */
  migrated?: boolean;
};

/**
 * On an embedded database in `dataDirectory`, with rate limits off (test suites send many
 * requests from one address; the limits have tests of their own). Resolves once it serves requests
 * ("Phresh is ready"), or once the server has exited, or after 4 minutes: callers assert which.
 */
export async function startProductionServer(
  dataDirectory: string,
  environment: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  if (!existsSync(path.join(webDirectory, ".next", "BUILD_ID")) || !existsSync(compiledServer))
    throw new Error(
      "apps/web has no production build: run `pnpm --filter @phresh/web build` first.",
    );
  if (options.migrated) {
    // Where the server will look for its database under this PHRESH_DATA_DIR.
    const database = loadConfig({ DATABASE_URL: "", PHRESH_DATA_DIR: dataDirectory }).database;
    if (database.kind === "pglite") await fillWithMigratedCopy(database.dataDirectory);
  }
  // freePort's port is free when it answers, not seconds later when the server binds it: another
  // process (a parallel suite) can take it meanwhile. The server then says so and exits; a start
  // on another port follows, and `output` keeps what every attempt printed. A PORT of the caller's
  // own is kept.
  const portPicked = environment.PORT === undefined;
  let earlier = "";
  for (let attempt = 1; ; attempt++) {
    const server = await startOnFreePort(dataDirectory, environment, earlier);
    await untilPrinted(server, "Phresh is ready:");
    const lost = lostItsPort(server.output().slice(earlier.length));
    if (!lost || !portPicked || attempt === 3) return server;
    await server.exited;
    earlier = server.output();
  }
}

async function startOnFreePort(
  dataDirectory: string,
  environment: Record<string, string>,
  earlierOutput: string,
): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [compiledServer], {
    cwd: webDirectory,
    // An empty DATABASE_URL means the embedded default, even in CI's PostgreSQL pass.
    env: {
      ...process.env,
      DATABASE_URL: "",
      PHRESH_DATA_DIR: dataDirectory,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      RATE_LIMITS: "off",
      ...environment,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = earlierOutput;
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { url: `http://127.0.0.1:${port}`, process: child, output: () => output, exited };
}

/**
 * Resolves once the server has printed `text`, or has exited, or after `timeoutMs`: callers
 * assert which. The default is ample for a first start (initdb) on a busy machine.
 */
export async function untilPrinted(
  server: Pick<RunningServer, "output" | "exited">,
  text: string,
  timeoutMs = 240_000,
): Promise<void> {
  let stopped = false;
  void server.exited.then(() => {
    stopped = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (!stopped && !server.output().includes(text) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM, as a process manager stops it; resolves with the exit code. */
export async function stopProductionServer(server: RunningServer): Promise<number | null> {
  server.process.kill("SIGTERM");
  return server.exited;
}

/** The processes whose parent is `pid` (Linux: read from /proc). */
export function childProcessIds(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name, in parentheses, may hold spaces: fields are counted after it.
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // Gone between listing and reading.
    }
  }
  return children;
}

/** This machine's address on a network interface, to reach a server as another machine would. */
export function nonLoopbackAddress(): string {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry?.family === "IPv4" && !entry.internal)?.address;
  if (!address) throw new Error("this test needs a network interface besides loopback");
  return address;
}

export type Account = { email: string; name: string; password: string };

/**
 * Registers `account` on a server started with the development mailbox, follows the mailed link
 * (from loopback, where the mailbox answers) and logs in; answers the token and the link.
 */
export async function signUp(serverUrl: string, account: Account) {
  async function expectOk(step: string, answer: Promise<Response>): Promise<Response> {
    const response = await answer;
    if (!response.ok) throw new Error(`${step}: ${response.status} ${await response.text()}`);
    return response;
  }
  const json = (body: unknown) => ({
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  await expectOk("register", fetch(`${serverUrl}/api/users`, json({ new_user: account })));
  const mailbox = await expectOk("read the mailbox", fetch(`${serverUrl}/api/dev/outbox`));
  const outbox = (await mailbox.json()) as { to: string; text: string }[];
  const link = /http\S+\/verify\?token=\S+/.exec(
    outbox.find((mail) => mail.to === account.email)?.text ?? "",
  )?.[0];
  if (!link) throw new Error(`no verification link was mailed to ${account.email}`);
  const token = new URL(link).searchParams.get("token");
  await expectOk("verify", fetch(`${serverUrl}/api/users/verify`, json({ token })));
  const login = await expectOk(
    "log in",
    fetch(`${serverUrl}/api/token`, {
      method: "POST",
      body: new URLSearchParams({ username: account.email, password: account.password }),
    }),
  );
  return { token: ((await login.json()) as { access_token: string }).access_token, link };
}

/** A logger at level info whose lines are kept, for a test to read. */
export function capturingLogger(): { logger: Logger; logs: () => string } {
  let logs = "";
  const logger = createLogger(
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        logs += chunk;
        done();
      },
    }),
  );
  return { logger, logs: () => logs };
}
