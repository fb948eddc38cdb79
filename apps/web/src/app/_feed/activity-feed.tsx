"use client";
// The home page of a logged-in person: every cleaning posted or updated, newest first, a page at
// a time. The type labels come from the server as a prop: importing them here would bring zod
// (their module's schemas) into the page's first-load JavaScript.
import type { CleaningFeedItem, CleaningType } from "@phresh/api/schemas";
import { LoadMoreButton } from "@/components/load-more-button.tsx";
import { type ReadPage, useLoadMore } from "@/components/use-load-more.ts";
import { trpc } from "@/trpc/react.tsx";
import styles from "./activity-feed.module.css";
import { FeedEntry } from "./feed-entry.tsx";

export function ActivityFeed({
  firstPage,
  typeLabels,
}: {
  firstPage: ReadPage<CleaningFeedItem>;
  typeLabels: Record<CleaningType, string>;
}) {
  const utils = trpc.useUtils();
  const feed = useLoadMore(firstPage, (cursor) => utils.client.feed.cleanings.query({ cursor }));
  const loaded = feed.pages.reduce((count, page) => count + page.items.length, 0);
  if (loaded === 0)
    return (
      <p className="muted">
        Nothing has been posted yet. <a href="/cleanings/new">Post the first cleaning</a>.
      </p>
    );
  return (
    <>
      <ol className={styles.feed} aria-label="Latest activity">
        {feed.pages.flatMap((page) =>
          page.items.map((event) => (
            <FeedEntry
              key={`${event.id}-${event.event_type}-${event.event_timestamp}`}
              event={event}
              readAt={page.readAt}
              typeLabel={typeLabels[event.cleaning_type]}
            />
          )),
        )}
      </ol>
      <LoadMoreButton
        list={feed}
        label="Load more"
        whenAllShown={<p className="muted">That is everything so far.</p>}
      />
      <p className="visually-hidden" role="status">
        {feed.pages.length > 1 ? `${loaded} events shown.` : ""}
      </p>
    </>
  );
}
