// The offers contract (marketplace contract §2–3): what an offer looks like on every surface.
// Shared by the procedures, the REST adapter's OpenAPI document, the web app and the CLI.
// Browser-safe. An offer has no id of its own: it is (cleaning_id, user_id).
import { z } from "zod";

export const offerStatuses = ["pending", "accepted", "rejected", "cancelled", "completed"] as const;
export const offerStatusSchema = z.enum(offerStatuses);
export type OfferStatus = z.infer<typeof offerStatusSchema>;

/** The offerer as others see them: never an e-mail address (contract Q1). */
export const offerUserSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  profile: z.object({
    full_name: z.string().nullable(),
    image: z.string().nullable(),
  }),
});
export type OfferUser = z.infer<typeof offerUserSchema>;

export const offerPublicSchema = z.object({
  cleaning_id: z.number().int(),
  user_id: z.uuid(),
  status: offerStatusSchema,
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  user: offerUserSchema,
});
export type OfferPublic = z.infer<typeof offerPublicSchema>;
