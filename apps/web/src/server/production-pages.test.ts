// The production server (`pnpm start`) as a person and an attacker meet it: where log-in sends
// people afterwards, who may read the development mailbox, where mailed links point, what it
// prints when it is ready, and what pages answer while PostgreSQL is away.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  createPostgresTestDatabase,
  startInterruptibleRelay,
  testDatabaseKind,
} from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freePort,
  lostItsPort,
  nonLoopbackAddress,
  type RunningServer,
  signUp,
  startProductionServer,
  stopProductionServer,
  untilPrinted,
} from "./testing.ts";

const directories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), "phresh-pages-"));
  directories.push(directory);
  return directory;
}
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});
// One embedded database for the servers below, which run one after the other: a new one costs an initdb.
const dataDirectory = temporaryDirectory();

const account = { email: "pages@example.com", name: "pages", password: "Clean-pages-1" };

const controls = Array.from({ length: 0x20 }, (_, code) => code).concat(0x7f);
const percent = (code: number) => `%${code.toString(16).padStart(2, "0").toUpperCase()}`;
/** `next=` values, as sent in the query string, that must not lead off the site. */
const hostileNexts = [
  ...controls.map((code) => `/${percent(code)}/evil.example`),
  ...controls.map((code) => `${percent(code)}//evil.example`),
  "/%5C/evil.example",
  "/%5Cevil.example",
  "%5C%5Cevil.example",
  "//evil.example",
  "/.//evil.example",
  "https://evil.example/",
];

describe("the production server's pages", () => {
  let server: RunningServer;
  let session: string;
  let link: string | undefined;
  let port: string;

  beforeAll(async () => {
    // Listening on every interface, as `pnpm start` does, and without APP_URL.
    server = await startProductionServer(dataDirectory, {
      HOSTNAME: "0.0.0.0",
      APP_URL: "",
    });
    port = new URL(server.url).port;
    ({ token: session, link } = await signUp(server.url, account));
  });
  afterAll(async () => {
    if (server) await stopProductionServer(server);
  });

  it("says once, after the database is ready, which address to open, and only then listens", () => {
    const output = server.output();
    const ready = `Phresh is ready: http://localhost:${port}\n`;
    expect(output.split(ready).length - 1).toBe(1);
    expect(output.indexOf("Phresh database ready")).toBeLessThan(output.indexOf(ready));
    expect(output.indexOf("Phresh database ready")).toBeLessThan(
      output.indexOf("Phresh is listening"),
    );
  });

  it("mails links to the port it serves on when APP_URL is unset", () => {
    expect(link).toMatch(new RegExp(`^http://localhost:${port}/verify\\?token=`));
  });

  it("sends a logged-in visitor of /login only to paths of this site", async () => {
    const cookie = { Cookie: `phresh_session=${session}` };
    const wanted = await fetch(`${server.url}/login?next=%2Faccount%3Ftab%3Dname`, {
      headers: cookie,
      redirect: "manual",
    });
    expect(wanted.status).toBe(307);
    expect(wanted.headers.get("location")).toBe("/account?tab=name");
    for (const next of hostileNexts) {
      const response = await fetch(`${server.url}/login?next=${next}`, {
        headers: cookie,
        redirect: "manual",
      });
      expect({ next, status: response.status }).toEqual({ next, status: 307 });
      expect({ next, location: response.headers.get("location") }).toEqual({
        next,
        location: "/cleanings",
      });
    }
  });

  it("gives the log-in form of a logged-out visitor only paths of this site to go to", async () => {
    const formDestination = async (next: string) => {
      const response = await fetch(`${server.url}/login?next=${next}`, { redirect: "manual" });
      expect({ next, status: response.status }).toEqual({ next, status: 200 });
      // The destination travels in the page's React payload as the form's `next` prop (the
      // payload also echoes the address asked for, which is only data).
      return /\{\\"next\\":\\"([^"\\]*)\\"\}/.exec(await response.text())?.[1];
    };
    expect(await formDestination("%2Faccount")).toBe("/account");
    for (const next of hostileNexts)
      expect({ next, destination: await formDestination(next) }).toEqual({
        next,
        destination: "/cleanings",
      });
  });

  it("serves the development mailbox to this machine only, judged by the socket, not headers", async () => {
    const outside = `http://${nonLoopbackAddress()}:${port}`;
    const spoofed = { "X-Forwarded-For": "127.0.0.1", "X-Real-IP": "127.0.0.1" };
    expect((await fetch(`${outside}/api/dev/outbox`, { headers: spoofed })).status).toBe(404);
    const viaTrpc = await fetch(`${outside}/api/trpc/devMailbox.list`, { headers: spoofed });
    expect(viaTrpc.status).toBe(404);
    expect((await fetch(`${outside}/dev/mailbox`, { headers: spoofed })).status).toBe(404);
    // Nor does the header offer a link to it from elsewhere.
    expect(await (await fetch(`${outside}/login`)).text()).not.toContain('href="/dev/mailbox"');

    expect((await fetch(`${server.url}/api/dev/outbox`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/trpc/devMailbox.list`)).status).toBe(200);
    const page = await fetch(`${server.url}/dev/mailbox`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/verify?token=");
  });
});

describe("the development mailbox opened with DEV_MAILBOX=1", () => {
  it("serves everyone, and the server warns about it when it starts", async () => {
    const server = await startProductionServer(dataDirectory, {
      HOSTNAME: "0.0.0.0",
      DEV_MAILBOX: "1",
    });
    try {
      expect(server.output()).toContain("Warning: DEV_MAILBOX=1 opens the development mailbox");
      const outside = `http://${nonLoopbackAddress()}:${new URL(server.url).port}`;
      expect((await fetch(`${outside}/api/dev/outbox`)).status).toBe(200);
    } finally {
      await stopProductionServer(server);
    }
  });
});

describe("Ctrl-C on `pnpm --filter @phresh/web start`", () => {
  /** `pnpm start` in a process group of its own, like a terminal's foreground job. */
  function startWithPnpm(port: number) {
    // The pnpm running this test (npm_execpath), else the one on the PATH.
    const pnpm = process.env.npm_execpath?.includes("pnpm")
      ? [process.execPath, process.env.npm_execpath]
      : ["pnpm"];
    const [command = "pnpm", ...pnpmArguments] = pnpm;
    const child = spawn(command, [...pnpmArguments, "--filter", "@phresh/web", "start"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      // Its own process group: Ctrl-C signals the whole group.
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: "",
        PHRESH_DATA_DIR: dataDirectory,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk;
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    return { child, output: () => output, exited };
  }

  it("stops the server cleanly, and pnpm reports no failure", async () => {
    // As startProductionServer does: a port taken between freePort and the bind is picked again.
    let started = startWithPnpm(await freePort());
    for (let attempt = 1; ; attempt++) {
      await untilPrinted(started, "Phresh is ready:");
      if (attempt === 3 || !lostItsPort(started.output())) break;
      await started.exited;
      started = startWithPnpm(await freePort());
    }
    const { child, output, exited } = started;
    expect(output()).toContain("Phresh is ready:");
    process.kill(-(child.pid ?? 0), "SIGINT");
    expect(await exited).toBe(0);
    expect(output()).toContain('"msg":"stopped"');
    expect(output()).not.toMatch(/ELIFECYCLE|ERR_PNPM|Command failed/);
  });
});

// The embedded database cannot go away; CI's PostgreSQL pass runs this.
describe.runIf(testDatabaseKind === "postgres")("pages during a PostgreSQL outage", () => {
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let relay: Awaited<ReturnType<typeof startInterruptibleRelay>>;
  let server: RunningServer;

  beforeAll(async () => {
    created = await createPostgresTestDatabase();
    const url = new URL(created.url);
    relay = await startInterruptibleRelay({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = "127.0.0.1";
    url.port = String(relay.port);
    server = await startProductionServer(temporaryDirectory(), { DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    if (server) await stopProductionServer(server);
    await created?.drop();
  });

  it("answer 503 with Retry-After and a plain page while it is away, and recover by themselves", async () => {
    const { token } = await signUp(server.url, account);
    const cookie = { Cookie: `phresh_session=${token}` };
    const created = await fetch(`${server.url}/api/cleanings`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ new_cleaning: { name: "Before the outage", price: 10 } }),
    });
    expect(created.status).toBe(201);

    await relay.cut();
    for (const page of ["/cleanings", "/account", "/login"]) {
      const response = await fetch(`${server.url}${page}`, { headers: cookie, redirect: "manual" });
      expect({ page, status: response.status }).toEqual({ page, status: 503 });
      expect(response.headers.get("retry-after")).toBe("5");
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("x-request-id")).toBeTruthy();
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      const text = await response.text();
      expect(text).toContain("briefly unavailable");
      expect(text).toContain("try again");
    }
    expect((await fetch(`${server.url}/api/cleanings`, { headers: cookie })).status).toBe(503);

    await relay.restore();
    const after = await fetch(`${server.url}/cleanings`, { headers: cookie });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("Before the outage");
    expect((await fetch(`${server.url}/account`, { headers: cookie })).status).toBe(200);
  });
});
