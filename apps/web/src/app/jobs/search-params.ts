// The Find jobs page keeps its whole search in the URL (`?q=&type=&min_price=&max_price=&sort=
// &cursor=`), so a search can be shared, bookmarked and reloaded, and the form works as a plain
// GET without JavaScript. This module reads those values as typed, turns them into the input of
// `jobs.search` (checked by the API's own schema), and explains what is wrong in plain words.
import {
  type CleaningType,
  cleaningTypeLabels,
  JOB_QUERY_MAX_LENGTH,
  type JobSearchInput,
  type JobSort,
  jobSearchInputSchema,
} from "@phresh/api/schemas";

export type PageSearchParams = Record<string, string | string[] | undefined>;

/** The search as the URL has it: text, exactly as typed (empty when absent). */
export type JobFilters = Record<(typeof FILTER_NAMES)[number], string>;

export const FILTER_NAMES = ["q", "type", "min_price", "max_price", "sort", "cursor"] as const;

export const jobSortLabels: Record<JobSort, string> = {
  newest: "Newest first",
  price_asc: "Lowest price",
  price_desc: "Highest price",
};

export type FilterProblem = { field: keyof JobFilters; message: string };

export type ParsedSearch =
  | { ok: true; input: JobSearchInput }
  | { ok: false; problems: FilterProblem[] };

export function readFilters(params: PageSearchParams): JobFilters {
  const first = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value) ?? "";
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, first(params[name])])) as JobFilters;
}

/** A plain decimal number ("12", "12.5"), else NaN: `Number` alone would take "0x10" or "1e3". */
function readPrice(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const emptyToUndefined = (text: string) => (text.trim() === "" ? undefined : text);

const typeNames = Object.values(cleaningTypeLabels).join(", ");
const notAPrice = (which: string, text: string) =>
  `The ${which} price “${text}” is not a price: use a number from 0 to 99,999,999.99 with at most two decimals.`;

function explain(field: keyof JobFilters, filters: JobFilters, code: string): string {
  switch (field) {
    case "q":
      return `Shorten the search to at most ${JOB_QUERY_MAX_LENGTH} characters of plain text.`;
    case "type":
      return `“${filters.type}” is not a cleaning type: choose ${typeNames}, or any type.`;
    case "min_price":
      return notAPrice("min", filters.min_price);
    case "max_price":
      // The schema's one rule across fields: the range must not be upside down.
      return code === "custom"
        ? "The max price is below the min price: swap them, or widen the range."
        : notAPrice("max", filters.max_price);
    case "sort":
      return `“${filters.sort}” is not a way to sort: choose ${Object.values(jobSortLabels).join(", ")}.`;
    case "cursor":
      return "This page link is broken or belongs to another sort: start again from the first page.";
  }
}

/** The input of `jobs.search` for these filters, or what to fix, one message per field. */
export function parseSearch(filters: JobFilters): ParsedSearch {
  const input = {
    q: emptyToUndefined(filters.q),
    type: emptyToUndefined(filters.type) as CleaningType | undefined,
    min_price: readPrice(filters.min_price),
    max_price: readPrice(filters.max_price),
    sort: emptyToUndefined(filters.sort) as JobSort | undefined,
    cursor: emptyToUndefined(filters.cursor),
  } satisfies JobSearchInput;
  const parsed = jobSearchInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, input };
  const problems: FilterProblem[] = [];
  for (const issue of parsed.error.issues) {
    const field = FILTER_NAMES.find((name) => name === issue.path[0]);
    if (field && !problems.some((problem) => problem.field === field))
      problems.push({ field, message: explain(field, filters, issue.code) });
  }
  return { ok: false, problems };
}

/** `/jobs` with these filters (empty ones left out), and a cursor when given. */
export function jobsHref(filters: JobFilters, cursor?: string): string {
  const query = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = name === "cursor" ? cursor : filters[name];
    if (value) query.set(name, value);
  }
  const text = query.toString();
  return text ? `/jobs?${text}` : "/jobs";
}

/** Whether the search narrows anything, so an empty result can say what to loosen. */
export function isFiltered(filters: JobFilters): boolean {
  return Boolean(filters.q.trim() || filters.type || filters.min_price || filters.max_price);
}
