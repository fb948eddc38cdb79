// The button under a list paged by `useLoadMore`: the page's error in words, then the button
// while there is more (busy while a page loads), else what `whenAllShown` says, if anything.
import type { ReactNode } from "react";
import { FormAlert } from "./form-alert.tsx";

type Loader = {
  hasMore: boolean;
  pending: boolean;
  error: string | undefined;
  loadMore: () => void;
};

export function LoadMoreButton({
  list,
  label,
  whenAllShown = null,
}: {
  list: Loader;
  label: string;
  whenAllShown?: ReactNode;
}) {
  return (
    <>
      <FormAlert>{list.error}</FormAlert>
      {list.hasMore ? (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={list.pending}
            aria-busy={list.pending}
            onClick={list.loadMore}
          >
            {list.pending ? "Loading…" : label}
          </button>
        </div>
      ) : (
        whenAllShown
      )}
    </>
  );
}
