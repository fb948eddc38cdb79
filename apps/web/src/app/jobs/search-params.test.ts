import { describe, expect, it } from "vitest";
import { isFiltered, jobsHref, parseSearch, readFilters } from "./search-params.ts";

const filters = (values: Record<string, string>) => readFilters(values);

describe("the Find jobs search as the URL has it", () => {
  it("reads the first value of each filter, and empty text for the ones left out", () => {
    expect(readFilters({ q: ["attic", "cellar"], type: "full_clean", other: "x" })).toEqual({
      q: "attic",
      type: "full_clean",
      min_price: "",
      max_price: "",
      sort: "",
      cursor: "",
    });
  });

  it("turns the filters into the search's input, leaving empty ones out", () => {
    expect(
      parseSearch(filters({ q: "attic", min_price: "10", max_price: "99.5", sort: "" })),
    ).toEqual({
      ok: true,
      input: {
        q: "attic",
        type: undefined,
        min_price: 10,
        max_price: 99.5,
        sort: undefined,
        cursor: undefined,
      },
    });
  });

  it("says which price is not a price, without taking hex or exponents for numbers", () => {
    for (const text of ["abc", "0x10", "1e3", "-5", "1.234"]) {
      const parsed = parseSearch(filters({ min_price: text }));
      expect(parsed).toEqual({
        ok: false,
        problems: [
          { field: "min_price", message: expect.stringContaining(`“${text}” is not a price`) },
        ],
      });
    }
  });

  it("says when the max price is below the min price", () => {
    expect(parseSearch(filters({ min_price: "50", max_price: "10" }))).toEqual({
      ok: false,
      problems: [
        {
          field: "max_price",
          message: "The max price is below the min price: swap them, or widen the range.",
        },
      ],
    });
  });

  it("names an unknown type, sort or a broken page link, one message per field", () => {
    const parsed = parseSearch(filters({ type: "deep", sort: "cheapest", cursor: "garbage" }));
    expect(parsed.ok).toBe(false);
    const messages = parsed.ok ? [] : parsed.problems.map((problem) => problem.field);
    expect(messages).toEqual(["type", "sort", "cursor"]);
    expect(parsed.ok ? "" : parsed.problems[0]?.message).toBe(
      "“deep” is not a cleaning type: choose Dust up, Spot clean, Full clean, or any type.",
    );
  });

  it("links to a page of the same search, empty filters left out", () => {
    const search = filters({ q: "attic window", type: "", min_price: "5", sort: "price_asc" });
    expect(jobsHref(search)).toBe("/jobs?q=attic+window&min_price=5&sort=price_asc");
    expect(jobsHref(search, "abc_-1")).toBe(
      "/jobs?q=attic+window&min_price=5&sort=price_asc&cursor=abc_-1",
    );
    expect(jobsHref(filters({}))).toBe("/jobs");
  });

  it("knows a search that narrows from one that only sorts or pages", () => {
    expect(isFiltered(filters({ sort: "price_desc", cursor: "x" }))).toBe(false);
    expect(isFiltered(filters({ max_price: "20" }))).toBe(true);
  });
});
