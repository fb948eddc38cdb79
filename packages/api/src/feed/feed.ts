// The activity feed: one statement per page. Each cleaning gives an `is_create` event at its
// creation and, when it was changed since, an `is_update` at its last change (none for cleanings
// of deactivated accounts: those are hidden from everyone). Both kinds are read newest first
// from their own index (cleanings_created_at_id_idx, cleanings_update_events), each side limited
// to the page, merged, then joined to the owner and profile: no N+1.
//
// The order is total: (event_timestamp, cleaning id, event type), descending. A cursor is the
// last event's key, so paging by cursor never skips nor repeats an event, even when hundreds
// share one millisecond (Phresh's `starting_date` alone skips such ties: contract Q4).
import { type Cleaning as CleaningRow, type Database, Prisma } from "@phresh/db";
import { toCleaning } from "../cleanings/records.ts";
import { CLEANING_COLUMNS } from "../listings/cleaning-columns.ts";
import {
  OWNER_COLUMNS,
  OWNER_JOINS,
  OWNER_NOT_DEACTIVATED,
  toOptionalPublicOwner,
} from "../listings/owner.ts";
import { encodeCursor, pageOf, rowsForPage } from "../listings/paging.ts";
import type { FeedCursorKey, FeedEventType, FeedPage, FeedQuery } from "./schemas.ts";

type FeedRow = CleaningRow & {
  ownerName: string | null;
  ownerFullName: string | null;
  ownerImage: string | null;
  eventType: FeedEventType;
  eventTimestamp: Date;
  rowNumber: number;
};

/**
 * Events strictly after `cursor` in the feed's order, for one kind of event. With a constant
 * event type per side, `(t, id, type) < (T, I, Y)` is a row comparison on (t, id) that the
 * index serves: creations tie-break below updates, so the cursor's own (T, I) is still "after"
 * it on the creation side when the cursor is an update.
 */
function afterCursor(
  timestamp: Prisma.Sql,
  kind: FeedEventType,
  cursor: FeedCursorKey | undefined,
): Prisma.Sql {
  if (!cursor) return Prisma.empty;
  const [at, id, type] = cursor;
  const inclusive = kind === "is_create" && type === "is_update";
  return inclusive
    ? Prisma.sql`AND (${timestamp}, c.id) <= (${at}::timestamptz, ${id}::int)`
    : Prisma.sql`AND (${timestamp}, c.id) < (${at}::timestamptz, ${id}::int)`;
}

/** The feed's one statement: `size` events before `before` (and after `cursor`), newest first. */
export function feedPageStatement(query: {
  size: number;
  before: Date;
  cursor: FeedCursorKey | undefined;
}): Prisma.Sql {
  const { size, before, cursor } = query;
  return Prisma.sql`
    WITH events AS (
      (SELECT c.id, c.created_at AS event_timestamp, 'is_create' AS event_type
       FROM cleanings c
       WHERE c.created_at < ${before} AND ${OWNER_NOT_DEACTIVATED}
         ${afterCursor(Prisma.sql`c.created_at`, "is_create", cursor)}
       ORDER BY c.created_at DESC, c.id DESC
       LIMIT ${size})
      UNION ALL
      (SELECT c.id, c.updated_at, 'is_update'
       FROM cleanings c
       WHERE c.updated_at <> c.created_at AND c.updated_at < ${before} AND ${OWNER_NOT_DEACTIVATED}
         ${afterCursor(Prisma.sql`c.updated_at`, "is_update", cursor)}
       ORDER BY c.updated_at DESC, c.id DESC
       LIMIT ${size})
    ), page AS (
      SELECT * FROM events ORDER BY event_timestamp DESC, id DESC, event_type DESC LIMIT ${size}
    )
    SELECT ${CLEANING_COLUMNS}, ${OWNER_COLUMNS},
      page.event_type AS "eventType", page.event_timestamp AS "eventTimestamp",
      (ROW_NUMBER() OVER (ORDER BY page.event_timestamp DESC, page.id DESC, page.event_type DESC))::int
        AS "rowNumber"
    FROM page JOIN cleanings c ON c.id = page.id
    ${OWNER_JOINS}
    ORDER BY "rowNumber"`;
}

/**
 * One page of the feed; `now` is the default `starting_date`, taken per request. By the raw path
 * (raw-statements.ts in @phresh/db), as the marketplace's hottest read.
 */
export async function readFeedPage(
  sql: Database["sql"],
  input: FeedQuery,
  now: Date,
): Promise<FeedPage> {
  const size = input.page_chunk_size;
  const statement = feedPageStatement({
    size: rowsForPage(size),
    before: input.starting_date ?? now,
    cursor: input.cursor,
  });
  const rows = await sql<FeedRow>`${statement}`;
  const events = rows.map((row) => ({
    ...toCleaning(row),
    owner: toOptionalPublicOwner(row),
    event_type: row.eventType,
    event_timestamp: row.eventTimestamp.toISOString(),
    row_number: row.rowNumber,
  }));
  return pageOf(events, size, (last) =>
    encodeCursor([last.event_timestamp, last.id, last.event_type]),
  );
}
