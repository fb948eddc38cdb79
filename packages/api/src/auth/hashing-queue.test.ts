// The password-hashing queue: bounded work in flight, a short queue, and a quick 503 past it, so a
// flood of password checks cannot keep other requests waiting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PhreshError } from "../errors.ts";
import { createServices } from "../services.ts";
import {
  createAccount,
  newAccountDetails,
  openTestServices,
  startTestServer,
  TEST_SECRET_KEY,
  type TestServer,
  type TestServices,
} from "../testing.ts";
import { HashingQueue } from "./hashing-queue.ts";
import { registerUser } from "./user-manager.ts";

/** A task that runs until the test lets it finish. */
function heldTask() {
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let started = false;
  return {
    work: async () => {
      started = true;
      await finished;
    },
    started: () => started,
    finish: () => finish(),
  };
}

describe("the hashing queue", () => {
  it("runs at most `concurrency` tasks at once, queues `queueLength` more and refuses the rest with SERVER_BUSY", async () => {
    const queue = new HashingQueue({ concurrency: 2, queueLength: 1 });
    const tasks = [heldTask(), heldTask(), heldTask()];
    const runs = tasks.map((task) => queue.run(task.work));
    await Promise.resolve();
    expect(tasks.map((task) => task.started())).toEqual([true, true, false]);
    const refusal = await queue.run(async () => "never").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PhreshError);
    expect(refusal).toMatchObject({ errorCode: "SERVER_BUSY", retryAfterSeconds: 1 });
    // A finished task hands its turn to the one waiting.
    tasks[0]?.finish();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(tasks[2]?.started()).toBe(true);
    for (const task of tasks) task.finish();
    await Promise.all(runs);
    // All turns are given back: two run at once again.
    const again = [heldTask(), heldTask()];
    const rerun = again.map((task) => queue.run(task.work));
    await Promise.resolve();
    expect(again.map((task) => task.started())).toEqual([true, true]);
    for (const task of again) task.finish();
    await Promise.all(rerun);
  });

  it("gives the turn back when the task fails", async () => {
    const queue = new HashingQueue({ concurrency: 1, queueLength: 0 });
    await expect(queue.run(() => Promise.reject(new Error("broken")))).rejects.toThrow("broken");
    expect(await queue.run(async () => "ran")).toBe("ran");
  });
});

describe("a server whose password hashing is saturated", () => {
  let services: TestServices;
  let server: TestServer;
  beforeAll(async () => {
    // One hash at a time, none waiting: the test's own held task fills it.
    services = await openTestServices({
      passwordHashing: { concurrency: 1, queueLength: 0 },
      rateLimitsEnabled: true,
      // 127.0.0.1 plays a reverse proxy here, so X-Forwarded-For can stand for distinct clients.
      trustedProxies: ["127.0.0.1"],
    });
    server = await startTestServer(services);
  });
  afterAll(async () => {
    await server.close();
    await services.close();
  });

  it("answers password checks with 503 SERVER_BUSY and Retry-After, writes nothing, and keeps serving reads", async () => {
    const account = await createAccount(services);
    const cleaning = await account.caller.cleanings.create({
      name: "Read me",
      price: 10,
      cleaning_type: "spot_clean",
    });
    const held = heldTask();
    const holding = services.passwords.queue.run(held.work);
    try {
      const newcomer = newAccountDetails();
      const register = await fetch(`${server.url}/api/users`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ new_user: newcomer }),
      });
      expect(register.status).toBe(503);
      expect(register.headers.get("retry-after")).toBe("1");
      expect(await register.json()).toEqual({
        detail: {
          code: "SERVER_BUSY",
          reason: "The server is busy. Please try again in a moment.",
        },
      });
      expect(await services.database.prisma.user.count({ where: { email: newcomer.email } })).toBe(
        0,
      );
      const logIn = await fetch(`${server.url}/api/trpc/auth.login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: account.email, password: account.password }),
      });
      expect(logIn.status).toBe(503);
      expect(logIn.headers.get("retry-after")).toBe("1");
      expect(
        ((await logIn.json()) as { error: { data: { errorCode: string } } }).error.data.errorCode,
      ).toBe("SERVER_BUSY");
      const read = await fetch(`${server.url}/api/cleanings/${cleaning.id}`, {
        headers: { Authorization: `Bearer ${account.token}` },
      });
      expect(read.status).toBe(200);
    } finally {
      held.finish();
      await holding;
    }
    const logIn = await fetch(`${server.url}/api/token`, {
      method: "POST",
      body: new URLSearchParams({ username: account.email, password: account.password }),
    });
    expect(logIn.status).toBe(200);
  });

  it("keeps its limits and its queue to itself when other services start in the same process", async () => {
    // Services of their own on the same database, with roomier limits, started after these.
    const neighbour = createServices(
      { ...services.config, passwordHashing: { concurrency: 4, queueLength: 100 } },
      services.database,
      TEST_SECRET_KEY,
    );
    const held = heldTask();
    const holding = services.passwords.queue.run(held.work);
    try {
      const refusal = await registerUser(services, newAccountDetails()).catch(
        (error: unknown) => error,
      );
      expect(refusal).toMatchObject({ errorCode: "SERVER_BUSY" });
      const newcomer = newAccountDetails();
      const registered = await registerUser(neighbour, newcomer);
      expect(registered.email).toBe(newcomer.email);
    } finally {
      held.finish();
      await holding;
    }
  });

  it("spends no password guess on a check it refused as busy", async () => {
    const account = await createAccount(services);
    const logIn = (password: string) =>
      fetch(`${server.url}/api/token`, {
        method: "POST",
        headers: { "X-Forwarded-For": "203.0.113.77" },
        body: new URLSearchParams({ username: account.email, password }),
      });
    const held = heldTask();
    const holding = services.passwords.queue.run(held.work);
    const busy: number[] = [];
    try {
      for (let attempt = 0; attempt < 5; attempt++)
        busy.push((await logIn("Wrong-password-1")).status);
    } finally {
      held.finish();
      await holding;
    }
    expect(busy).toEqual(Array(5).fill(503));
    // The address still has its 10 guesses.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++)
      statuses.push((await logIn("Wrong-password-1")).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
  });
});
