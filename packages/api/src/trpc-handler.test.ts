// The mounted tRPC endpoint over real HTTP: body limits per router, in tRPC's own error shape.
import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { createServices } from "./services.ts";
import { createAccount, serveDuringTests, startTestServer, TEST_SECRET_KEY } from "./testing.ts";

const served = serveDuringTests();

const post = (procedure: string, body: string, token?: string) =>
  fetch(`${served.server.url}/api/trpc/${procedure}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body,
  });

/**
 * A POST on a connection of its own: the server drops the connection of a body it refuses
 * unread, and a pooled connection would then fail the next test's request.
 */
function postOnOwnConnection(procedure: string, body: string, token: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${served.server.url}/api/trpc/${procedure}`,
      {
        method: "POST",
        agent: false,
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 0 })),
        );
      },
    );
    // The server may answer and close before the whole body is sent.
    request.on("error", reject);
    request.end(body);
  });
}

describe("the batch cap of the tRPC endpoint", () => {
  const batchOf = (procedure: string, count: number) =>
    `${Array(count).fill(procedure).join(",")}?batch=1`;
  const expectBatchTooLarge = async (response: Response) => {
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: {
        message: "BATCH_TOO_LARGE",
        data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, errorCode: "BATCH_TOO_LARGE" },
      },
    });
  };

  it("runs a batch of 10 calls", async () => {
    const account = await createAccount(served.services);
    const response = await fetch(`${served.server.url}/api/trpc/${batchOf("cleanings.list", 10)}`, {
      headers: { Authorization: `Bearer ${account.token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveLength(10);
  });

  it("refuses a GET batch of 1,000 cleanings.list with 413 BATCH_TOO_LARGE", async () => {
    const account = await createAccount(served.services);
    const response = await fetch(
      `${served.server.url}/api/trpc/${batchOf("cleanings.list", 1000)}`,
      { headers: { Authorization: `Bearer ${account.token}` } },
    );
    await expectBatchTooLarge(response);
  });

  it("refuses a POST batch of 900 cleanings.create and writes none of them", async () => {
    const account = await createAccount(served.services);
    const cleaning = { name: "Batched", price: 10, cleaning_type: "spot_clean" };
    const body = JSON.stringify(
      Object.fromEntries(Array.from({ length: 900 }, (_, i) => [i, cleaning])),
    );
    await expectBatchTooLarge(
      await postOnOwnConnection(batchOf("cleanings.create", 900), body, account.token),
    );
    // Just over the cap is refused too, and nothing of it is written.
    const eleven = JSON.stringify(
      Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i, cleaning])),
    );
    await expectBatchTooLarge(
      await postOnOwnConnection(batchOf("cleanings.create", 11), eleven, account.token),
    );
    const written = await served.services.database.prisma.cleaning.count({
      where: { ownerId: account.user.id },
    });
    expect(written).toBe(0);
  });

  it("refuses a batch of 300 account updates before running any of them", async () => {
    const account = await createAccount(served.services);
    // The right password: had any call run, the name would have changed.
    const change = { current_password: account.password, name: "renamed_by_batch" };
    const body = JSON.stringify(
      Object.fromEntries(Array.from({ length: 300 }, (_, i) => [i, change])),
    );
    await expectBatchTooLarge(
      await postOnOwnConnection(batchOf("users.updateMe", 300), body, account.token),
    );
    const user = await served.services.database.prisma.user.findUniqueOrThrow({
      where: { id: account.user.id },
    });
    expect(user.name).toBe(account.name);
  });

  it("takes its cap from the configuration", async () => {
    // A second instance on the same database, with a cap of 2.
    const services = createServices(
      { ...served.services.config, maxBatchCalls: 2 },
      served.services.database,
      TEST_SECRET_KEY,
    );
    const server = await startTestServer(services);
    try {
      const account = await createAccount(services);
      const headers = { Authorization: `Bearer ${account.token}` };
      const two = await fetch(`${server.url}/api/trpc/${batchOf("cleanings.list", 2)}`, {
        headers,
      });
      expect(two.status).toBe(200);
      const three = await fetch(`${server.url}/api/trpc/${batchOf("cleanings.list", 3)}`, {
        headers,
      });
      await expectBatchTooLarge(three);
    } finally {
      await server.close();
    }
  });
});

describe("malformed procedure paths", () => {
  it("answers a path that is not valid percent-encoding with 404, not a 500", async () => {
    const withBody = await post("%", "{}");
    const withoutBody = await fetch(`${served.server.url}/api/trpc/%E0%A4%A`);
    for (const response of [withBody, withoutBody]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { data: { code: "NOT_FOUND" } } });
    }
  });
});

describe("body limits of the tRPC endpoint", () => {
  it("refuses an account procedure's body over 16 KiB with 413 in tRPC's error shape", async () => {
    const body = JSON.stringify({ email: "a@example.com", password: "x".repeat(16 * 1024) });
    const response = await post("auth.login", body);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: { message: "REQUEST_TOO_LARGE", data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } },
    });
  });

  it("applies the account limit to a batch that names an account procedure", async () => {
    const body = JSON.stringify({ 0: {}, 1: { padding: "x".repeat(20 * 1024) } });
    const response = await post("cleanings.list,session.logIn?batch=1", body);
    expect(response.status).toBe(413);
  });

  it("lets a cleanings body past 16 KiB reach the procedure, which judges it", async () => {
    const account = await createAccount(served.services);
    const body = JSON.stringify({ name: "Big", price: 1, description: "x".repeat(20 * 1024) });
    const response = await post("cleanings.create", body, account.token);
    // Refused by the schema (description ≤ 1000), not by the transport.
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { data: { errorCode: "VALIDATION_ERROR" } },
    });
  });

  it("refuses any body over 1 MiB with 413", async () => {
    const account = await createAccount(served.services);
    const body = JSON.stringify({ name: "Huge", price: 1, description: "x".repeat(1024 * 1024) });
    expect((await post("cleanings.create", body, account.token)).status).toBe(413);
  });
});
