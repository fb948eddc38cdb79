// Keyset paging, one shape for every paged list (the feed, the jobs search, the caller's offers,
// a cleaner's evaluations): `{items, next_cursor}`, sizes of 1 to PAGE_SIZE_MAX (default
// PAGE_SIZE_DEFAULT). A cursor is the sort key of a page's last item, handed to the client as
// opaque text (base64url of a JSON array) and read back from the next request. Browser-safe:
// btoa/atob.
import { z } from "zod";

export function encodeCursor(key: readonly (string | number)[]): string {
  return btoa(JSON.stringify(key)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCursor(text: string): unknown {
  try {
    return JSON.parse(atob(text.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return undefined;
  }
}

/** Cursors are short; anything longer was not made by us. */
const CURSOR_MAX_LENGTH = 200;

/** A `cursor` input: text that decodes to a `key`; anything else is a validation error (422). */
export function cursorSchema<Key extends z.ZodType>(key: Key) {
  return z
    .string()
    .max(CURSOR_MAX_LENGTH)
    .transform((text, context): z.output<Key> => {
      const parsed = key.safeParse(decodeCursor(text));
      if (parsed.success) return parsed.data;
      context.addIssue({ code: "custom", message: "Invalid cursor: pass next_cursor back as is" });
      return z.NEVER;
    })
    .meta({ description: "next_cursor of the previous page (the Link header's), as is" });
}

/** The size of a page: between 1 and 50, 20 unless asked. */
export const PAGE_SIZE_MAX = 50;
export const PAGE_SIZE_DEFAULT = 20;
export const pageSizeSchema = z.number().int().min(1).max(PAGE_SIZE_MAX);

/** How many rows to read for a page of `limit`: one more, whose presence says more follow. */
export function rowsForPage(limit: number): number {
  return limit + 1;
}

/**
 * The page of `limit` items out of `rows` (read with rowsForPage), with the cursor after its last
 * item when more follow.
 */
export function pageOf<Item>(
  rows: readonly Item[],
  limit: number,
  cursorOf: (last: Item) => string,
): { items: Item[]; next_cursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** A page of a keyset-paged list; `next_cursor` is null on the last page. */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}
