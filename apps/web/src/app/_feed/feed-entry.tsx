// One event of the activity feed: who posted or updated which cleaning, when, and for how much.
import type { CleaningFeedItem } from "@phresh/api/schemas";
import Link from "next/link";
import { Avatar } from "@/components/avatar.tsx";
import { formatDateTime, formatPrice } from "@/lib/format.ts";
import { formatRelativeTime } from "@/lib/relative-time.ts";
import styles from "./activity-feed.module.css";

export function FeedEntry({
  event,
  readAt,
  typeLabel,
}: {
  event: CleaningFeedItem;
  readAt: string;
  typeLabel: string;
}) {
  const owner = event.owner;
  const ownerName = owner ? owner.profile.full_name?.trim() || owner.name : "Someone";
  // No prefetching: a page of the feed holds up to 50 entries, and each prefetch renders a page
  // on the server.
  return (
    <li className={styles.entry}>
      {owner ? (
        <Avatar name={owner.name} fullName={owner.profile.full_name} image={owner.profile.image} />
      ) : (
        <Avatar name="?" />
      )}
      <div className={styles.body}>
        <p>
          {owner ? (
            <Link href={`/profiles/${encodeURIComponent(owner.name)}`} prefetch={false}>
              {ownerName}
            </Link>
          ) : (
            ownerName
          )}{" "}
          {event.event_type === "is_create" ? "posted" : "updated"}{" "}
          <Link href={`/cleanings/${event.id}`} className={styles.job} prefetch={false}>
            {event.name}
          </Link>
        </p>
        <p className="muted">
          {formatPrice(event.price)} · {typeLabel} ·{" "}
          <time dateTime={event.event_timestamp} title={formatDateTime(event.event_timestamp)}>
            {formatRelativeTime(event.event_timestamp, readAt)}
          </time>
        </p>
      </div>
    </li>
  );
}
