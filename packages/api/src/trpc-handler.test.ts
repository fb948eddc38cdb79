// The mounted tRPC endpoint over real HTTP: body limits per router, in tRPC's own error shape.
import { describe, expect, it } from "vitest";
import { createAccount, serveDuringTests } from "./testing.ts";

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
