// The offers contract (marketplace contract §2–3): what an offer looks like on every surface.
// Shared by the procedures, the REST adapter's OpenAPI document, the web app and the CLI.
// Browser-safe. An offer has no id of its own: it is (cleaning_id, user_id).
import { z } from "zod";
import { userNameSchema } from "../auth/schemas.ts";
import { cleaningIdSchema, cleaningSchema } from "../cleanings/schemas.ts";
import { storableDateTime } from "../instants.ts";
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

export const MY_OFFERS_PAGE_SIZE = { default: 20, max: 50 } as const;

/** Where a page of the caller's offers resumes: after this (created_at, cleaning_id). */
export type MyOffersCursor = { createdAt: Date; cleaningId: number };

export function encodeMyOffersCursor(cursor: MyOffersCursor): string {
  const json = JSON.stringify([cursor.createdAt.toISOString(), cursor.cleaningId]);
  return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

const cursorPosition = z.tuple([storableDateTime(), cleaningIdSchema]);

function decodeMyOffersCursor(text: string): MyOffersCursor | undefined {
  try {
    const json = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const parsed = cursorPosition.safeParse(JSON.parse(json));
    if (!parsed.success) return undefined;
    return { createdAt: new Date(parsed.data[0]), cleaningId: parsed.data[1] };
  } catch {
    return undefined; // not base64 or not JSON: not a cursor of ours
  }
}

/** Opaque to clients: the `next_cursor` of the previous page, sent back as is. */
export const myOffersCursorSchema = z
  .string()
  .max(200)
  .transform((text, context) => {
    const cursor = decodeMyOffersCursor(text);
    if (!cursor) context.addIssue({ code: "custom", message: "is not a cursor from this API" });
    return cursor ?? z.NEVER;
  });

export const myOffersLimitSchema = z.number().int().min(1).max(MY_OFFERS_PAGE_SIZE.max);

export const myOffersInput = z.object({
  cursor: myOffersCursorSchema.optional(),
  limit: myOffersLimitSchema.default(MY_OFFERS_PAGE_SIZE.default),
});

export const myOffersPageSchema = z.object({
  items: myOfferSchema.array(),
  /** Null on the last page. */
  next_cursor: z.string().nullable(),
});
export type MyOffersPage = z.infer<typeof myOffersPageSchema>;
