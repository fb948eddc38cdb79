// Finding open jobs: cleanings that still take offers, with full-text search, filters, three
// sorts and keyset paging. Browser-safe.
import { z } from "zod";
import {
  cleaningIdSchema,
  cleaningSchema,
  cleaningTypeSchema,
  priceSchema,
} from "../cleanings/schemas.ts";
import { storableDateTime } from "../instants.ts";
import { cursorSchema, PAGE_SIZE_DEFAULT, pageSchema, pageSizeSchema } from "../listings/paging.ts";
import { publicUserSchema } from "../listings/schemas.ts";
import { offerStatusSchema } from "../offers/schemas.ts";
import { plainText } from "../text.ts";

export const jobSorts = ["newest", "price_asc", "price_desc"] as const;
export const jobSortSchema = z.enum(jobSorts);
export type JobSort = z.infer<typeof jobSortSchema>;

/** A search longer than this is not a search. */
export const JOB_QUERY_MAX_LENGTH = 200;

/** numeric(10, 2) as text: the exact price the page ended on. */
const exactPriceSchema = z.string().regex(/^\d{1,8}(\.\d{1,2})?$/);

/** Where a page ends, for the sort it was read in: (created_at, id) or (price, id). */
export const jobCursorKeySchema = z.union([
  z.tuple([z.literal("newest"), storableDateTime(), cleaningIdSchema]),
  z.tuple([z.enum(["price_asc", "price_desc"]), exactPriceSchema, cleaningIdSchema]),
]);
export type JobCursorKey = z.infer<typeof jobCursorKeySchema>;

/** The search's parameters, one by one (the REST adapter reads each from the query string). */
export const jobSearchInputFields = {
  /** Words to find in the name or description (web-search syntax: "quoted phrase", -word, or). */
  q: plainText().trim().max(JOB_QUERY_MAX_LENGTH).optional(),
  type: cleaningTypeSchema.optional(),
  min_price: priceSchema.optional(),
  max_price: priceSchema.optional(),
  sort: jobSortSchema.default("newest"),
  cursor: cursorSchema(jobCursorKeySchema).optional(),
  limit: pageSizeSchema.default(PAGE_SIZE_DEFAULT),
};

export const jobSearchInputSchema = z
  .object(jobSearchInputFields)
  .prefault({})
  .superRefine((input, context) => {
    if (
      input.min_price !== undefined &&
      input.max_price !== undefined &&
      input.min_price > input.max_price
    )
      context.addIssue({
        code: "custom",
        path: ["max_price"],
        message: "must not be below min_price",
      });
    if (input.cursor && input.cursor[0] !== input.sort)
      context.addIssue({
        code: "custom",
        path: ["cursor"],
        message: "Invalid cursor: it belongs to another sort",
      });
  });
export type JobSearchInput = z.input<typeof jobSearchInputSchema>;
export type JobSearchQuery = z.output<typeof jobSearchInputSchema>;

export const openJobSchema = cleaningSchema.extend({
  owner: publicUserSchema,
  /** Offers of every status. */
  total_offers: z.number().int().nonnegative(),
  /** The caller's own offer on the job, if any. */
  my_offer_status: offerStatusSchema.nullable(),
});
export type OpenJob = z.infer<typeof openJobSchema>;

export const jobSearchPageSchema = pageSchema(openJobSchema);
export type JobSearchPage = z.infer<typeof jobSearchPageSchema>;
