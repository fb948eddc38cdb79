// The offers contract (marketplace contract §2–3): what an offer looks like on every surface.
// Shared by the procedures, the REST adapter's OpenAPI document, the web app and the CLI.
// Browser-safe. An offer has no id of its own: it is (cleaning_id, user_id).
import { z } from "zod";
import { userNameSchema } from "../auth/schemas.ts";
import { cleaningIdSchema, cleaningSchema } from "../cleanings/schemas.ts";
import { storableDateTime } from "../instants.ts";
import { cursorSchema, PAGE_SIZE_DEFAULT, pageSchema, pageSizeSchema } from "../listings/paging.ts";
import { publicUserSchema } from "../listings/schemas.ts";

export const offerStatuses = ["pending", "accepted", "rejected", "cancelled", "completed"] as const;
export const offerStatusSchema = z.enum(offerStatuses);
export type OfferStatus = z.infer<typeof offerStatusSchema>;

export const offerPublicSchema = z.object({
  cleaning_id: z.number().int(),
  user_id: z.uuid(),
  status: offerStatusSchema,
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  /** The offerer as others see them: never an e-mail address (contract Q1). */
  user: publicUserSchema,
});
export type OfferPublic = z.infer<typeof offerPublicSchema>;

/**
 * A cleaning as `byId` and `list` answer it: with its offers as the viewer may see them (all for
 * the owner; their own, or none, for anyone else) and how many it has in all.
 */
export const cleaningWithOffersSchema = cleaningSchema.extend({
  offers: offerPublicSchema.array(),
  total_offers: z.number().int().min(0),
});
export type CleaningWithOffers = z.infer<typeof cleaningWithOffersSchema>;

/** One offer of a cleaning: the cleaning and the offerer's name (any letter case). */
export const offerRefInput = z.object({ cleaning_id: cleaningIdSchema, name: userNameSchema });
/** The caller's own offer on a cleaning, or every offer of it. */
export const cleaningOffersInput = z.object({ cleaning_id: cleaningIdSchema });

/** The caller's offer with the cleaning it is for (`offers.mine`). */
export const myOfferSchema = z.object({
  cleaning_id: z.number().int(),
  status: offerStatusSchema,
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  cleaning: cleaningSchema.pick({
    id: true,
    name: true,
    price: true,
    cleaning_type: true,
    owner_id: true,
  }),
});
export type MyOffer = z.infer<typeof myOfferSchema>;

/** Where a page of the caller's offers ends: its last offer's (created_at, cleaning_id). */
export const myOffersCursorKeySchema = z.tuple([storableDateTime(), cleaningIdSchema]);
export type MyOffersCursorKey = z.infer<typeof myOffersCursorKeySchema>;
export const myOffersCursorSchema = cursorSchema(myOffersCursorKeySchema);

export const myOffersInput = z.object({
  cursor: myOffersCursorSchema.optional(),
  limit: pageSizeSchema.default(PAGE_SIZE_DEFAULT),
});

export const myOffersPageSchema = pageSchema(myOfferSchema);
export type MyOffersPage = z.infer<typeof myOffersPageSchema>;
