// Dates and times that come from clients (a feed's `starting_date`, the position inside a
// cursor) reach SQL. PostgreSQL has no year 0 and JavaScript dates do: `0000-01-01T00:00:00Z`
// would be a 500 from deep inside a query. Such input is refused up front, on its field.
import { z } from "zod";

const OUT_OF_RANGE = "must be between the years 1 and 9999";

/** True for a valid date whose year, in UTC, is 1 to 9999. */
export function isStorableInstant(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1 && year <= 9999;
}

/** An ISO-8601 date-time with a zone, as text, that PostgreSQL can store. */
export function storableDateTime() {
  return z.iso.datetime().refine((text) => isStorableInstant(new Date(text)), OUT_OF_RANGE);
}

/** Refines a schema whose output is a Date. */
export const storableInstant = [(date: Date) => isStorableInstant(date), OUT_OF_RANGE] as const;
