// What a registration costs the database, with rate limits on as in production: the address's
// allowance and one insert (no check before it: bench/RESULTS.md, sixteenth session, measured
// what a check first cost every registration). A taken e-mail or name costs one lookup more,
// after the unique index refused it.
import { testDatabaseKind } from "@phresh/db/testing";
import { describe, expect, it } from "vitest";
import { serveDuringTests } from "../testing.ts";

const served = serveDuringTests({ config: { rateLimitsEnabled: true }, recordStatements: true });

/** The statements one registration sends, and its answer. */
async function register(email: string, name: string) {
  const { statements, server } = served;
  const before = statements.length;
  const response = await fetch(`${server.url}/api/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ new_user: { email, name, password: "Correct-horse-42" } }),
  });
  const body = (await response.json()) as { detail?: unknown };
  return { sent: statements.slice(before), status: response.status, body };
}

describe(`a registration's cost on ${testDatabaseKind}`, () => {
  it("registers with two statements: the address's allowance and the one insert", async () => {
    const { sent, status } = await register("two.statements@example.com", "twostatements");
    expect(status).toBe(201);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/INSERT INTO rate_limits/);
    expect(sent[1]).toMatch(/INSERT INTO users/);
  });

  it("refuses a taken e-mail and a taken name after the insert, with one lookup more", async () => {
    await register("holder@example.com", "holder");
    const email = await register("HOLDER@example.com", "someone-else");
    expect(email.status).toBe(400);
    expect(email.body).toEqual({ detail: "REGISTER_USER_ALREADY_EXISTS" });
    expect(email.sent).toHaveLength(3);
    const name = await register("another@example.com", "Holder");
    expect(name.status).toBe(400);
    expect(name.body).toEqual({ detail: "REGISTER_NAME_ALREADY_EXISTS" });
    expect(name.sent).toHaveLength(3);
    const holders = await served.services.database.prisma.user.count({
      where: { email: { in: ["holder@example.com", "another@example.com"] } },
    });
    expect(holders).toBe(1);
  });
});
