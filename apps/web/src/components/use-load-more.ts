// A keyset-paged list in the browser: the server renders the first page, and "Load more" asks
// the API for the page after the last one's `next_cursor`. Each page keeps when it was read, so
// relative times ("5 minutes ago") stay those of the moment it was shown.
import { useState } from "react";
import { readServerError } from "@/lib/server-errors.ts";

type Page<Item> = { items: Item[]; next_cursor: string | null };
export type ReadPage<Item> = Page<Item> & { readAt: string };

export function useLoadMore<Item>(
  firstPage: ReadPage<Item>,
  readPage: (cursor: string) => Promise<Page<Item>>,
) {
  const [pages, setPages] = useState([firstPage]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const cursor = pages.at(-1)?.next_cursor ?? null;

  async function loadMore() {
    if (!cursor) return;
    setPending(true);
    setError(undefined);
    try {
      const page = await readPage(cursor);
      setPages((loaded) => [...loaded, { ...page, readAt: new Date().toISOString() }]);
    } catch (problem) {
      setError(readServerError(problem).message);
    } finally {
      setPending(false);
    }
  }

  return { pages, hasMore: cursor !== null, loadMore, pending, error };
}
