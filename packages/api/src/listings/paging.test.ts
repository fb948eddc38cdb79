// The one paging shape every list shares: the page cut from one row too many, and opaque cursors.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cursorSchema, encodeCursor, pageOf, rowsForPage } from "./paging.ts";

describe("pageOf", () => {
  const cursorOf = (last: number) => `after-${last}`;

  it("keeps `limit` items and points after the last one when the extra row says more follow", () => {
    const rows = [1, 2, 3, 4].slice(0, rowsForPage(3));
    expect(pageOf(rows, 3, cursorOf)).toEqual({ items: [1, 2, 3], next_cursor: "after-3" });
  });

  it("has no next cursor on the last page, full or not, nor on an empty one", () => {
    expect(pageOf([1, 2, 3], 3, cursorOf)).toEqual({ items: [1, 2, 3], next_cursor: null });
    expect(pageOf([1], 3, cursorOf)).toEqual({ items: [1], next_cursor: null });
    expect(pageOf([], 3, cursorOf)).toEqual({ items: [], next_cursor: null });
  });
});

describe("cursorSchema", () => {
  const key = z.tuple([z.iso.datetime(), z.number().int().positive()]);
  const cursor = cursorSchema(key);

  it("reads back the key it encoded", () => {
    const text = encodeCursor(["2026-06-01T12:00:00.000Z", 7]);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.parse(text)).toEqual(["2026-06-01T12:00:00.000Z", 7]);
  });

  it.each([
    ["not base64", "not a cursor!"],
    ["not JSON", btoa("{")],
    ["another key's shape", encodeCursor(["2026-06-01T12:00:00.000Z", -1])],
    ["too long", "A".repeat(201)],
  ])("refuses %s", (_, text) => {
    expect(cursor.safeParse(text).success).toBe(false);
  });
});
