// The activity feed's contract (marketplace contract §4): every cleaning of every user as events,
// newest first, paged by `starting_date` (Phresh's) or by an opaque cursor that never skips or
// repeats an event. Browser-safe.
import { z } from "zod";
import { cleaningIdSchema, cleaningSchema } from "../cleanings/schemas.ts";
import { storableDateTime, storableInstant } from "../instants.ts";
import { cursorSchema, PAGE_SIZE_DEFAULT, pageSchema, pageSizeSchema } from "../listings/paging.ts";
import { publicUserSchema } from "../listings/schemas.ts";

export const feedEventTypes = ["is_create", "is_update"] as const;
export const feedEventTypeSchema = z.enum(feedEventTypes);
export type FeedEventType = z.infer<typeof feedEventTypeSchema>;

/** Text of an instant with no zone is UTC, as Phresh read it. */
function withZone(text: string): string {
  return /(Z|[+-]\d\d:\d\d)$/i.test(text) ? text : `${text}Z`;
}

/**
 * An ISO-8601 date and time, with or without a zone (none: UTC), as an instant. Stored
 * timestamps have milliseconds; finer digits round up, so `< starting_date` stays exact.
 */
const instantSchema = z.iso
  .datetime({ local: true, offset: true })
  .transform((text) => {
    const instant = new Date(withZone(text));
    const subMillisecond = /\.\d{3}(\d*)/.exec(text)?.[1] ?? "";
    if (/[1-9]/.test(subMillisecond)) instant.setTime(instant.getTime() + 1);
    return instant;
  })
  .refine(...storableInstant)
  .meta({ description: "ISO-8601 date and time; without a zone it is UTC" });

/** Where a page ends: the last event's (timestamp, cleaning id, type), in the feed's order. */
export const feedCursorKeySchema = z.tuple([
  storableDateTime(),
  cleaningIdSchema,
  feedEventTypeSchema,
]);
export type FeedCursorKey = z.infer<typeof feedCursorKeySchema>;

/** The feed's parameters, one by one (the REST adapter reads each from the query string). */
export const feedInputFields = {
  page_chunk_size: pageSizeSchema.default(PAGE_SIZE_DEFAULT),
  /** Only events before this instant (exclusive); default: now, at each request. */
  starting_date: instantSchema.optional(),
  /** Only events after the page that gave this cursor. */
  cursor: cursorSchema(feedCursorKeySchema).optional(),
};

export const feedInputSchema = z.object(feedInputFields).prefault({});
export type FeedInput = z.input<typeof feedInputSchema>;
export type FeedQuery = z.output<typeof feedInputSchema>;

export const cleaningFeedItemSchema = cleaningSchema.extend({
  owner: publicUserSchema.nullable(),
  event_type: feedEventTypeSchema,
  event_timestamp: z.iso.datetime(),
  /** 1..n within the page. */
  row_number: z.number().int().positive(),
});
export type CleaningFeedItem = z.infer<typeof cleaningFeedItemSchema>;

export const feedPageSchema = pageSchema(cleaningFeedItemSchema);
export type FeedPage = z.infer<typeof feedPageSchema>;
