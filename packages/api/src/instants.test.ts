// Dates from clients that PostgreSQL cannot store (year 0, reached in UTC) are 422 on their
// field, over every route that takes one, never a 500 from the query.
import { describe, expect, it } from "vitest";
import { encodeCursor } from "./listings/paging.ts";
import { createAccount, serveDuringTests } from "./testing.ts";

const served = serveDuringTests();
const yearZero = "0000-01-01T00:00:00.000Z";

async function get(path: string) {
  const { token } = await createAccount(served.services);
  const response = await fetch(`${served.server.url}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as { detail: unknown } };
}

describe("dates PostgreSQL cannot store", () => {
  it.each([
    [
      "the feed's starting_date in year 0",
      "/api/feed/cleanings?starting_date=0000-01-01T00:00:00",
      "starting_date",
    ],
    [
      "the feed's starting_date that is year 0 in UTC",
      `/api/feed/cleanings?starting_date=${encodeURIComponent("0001-01-01T00:00:00+01:00")}`,
      "starting_date",
    ],
    [
      "a feed cursor in year 0",
      `/api/feed/cleanings?cursor=${encodeCursor([yearZero, 1, "is_create"])}`,
      "cursor",
    ],
    [
      "a jobs cursor in year 0",
      `/api/jobs?cursor=${encodeCursor(["newest", yearZero, 1])}`,
      "cursor",
    ],
  ])("refuses %s with 422 on the parameter", async (_, path, parameter) => {
    const { status, body } = await get(path);
    expect(status).toBe(422);
    expect(body.detail).toContainEqual(expect.objectContaining({ loc: ["query", parameter] }));
  });

  it("refuses a cursor of the caller's offers in year 0 with 422", async () => {
    const cursor = btoa(JSON.stringify([yearZero, 1])).replace(/=+$/, "");
    const { status, body } = await get(`/api/offers/me?cursor=${cursor}`);
    expect(status).toBe(422);
    expect(body.detail).toContainEqual(expect.objectContaining({ loc: ["query", "cursor"] }));
  });
});
