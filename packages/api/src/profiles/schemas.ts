// The profiles contract: what a profile shows and what its owner may change. Shared by the
// procedures, the REST adapter's OpenAPI document, the web forms and the CLI. Browser-safe.
import { z } from "zod";
import { userNameSchema } from "../auth/schemas.ts";
import { plainText } from "../text.ts";

export const PROFILE_LIMITS = {
  fullName: 100,
  phoneNumber: 30,
  bio: 1000,
  imageUrl: 2048,
} as const;

/**
 * An absolute http(s) URL (never `javascript:`, `data:` or a relative path), stored as the URL
 * parser writes it, so control characters arrive percent-encoded and the length is the stored one.
 */
export const profileImageSchema = z
  .url({ protocol: /^https?$/, error: "must be an absolute http or https URL" })
  .transform((url) => new URL(url).href)
  .pipe(z.string().max(PROFILE_LIMITS.imageUrl));

export const profileUpdateSchema = z
  .object({
    full_name: plainText().trim().max(PROFILE_LIMITS.fullName).nullable().optional(),
    phone_number: plainText().trim().max(PROFILE_LIMITS.phoneNumber).nullable().optional(),
    bio: plainText().max(PROFILE_LIMITS.bio).nullable().optional(),
    image: profileImageSchema.nullable().optional(),
  })
  .refine((update) => Object.values(update).some((value) => value !== undefined), {
    message: "must change at least one field",
  });
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

export const profileByNameInput = z.object({ name: userNameSchema });

export const profileSchema = z.object({
  id: z.number().int(),
  user_id: z.uuid(),
  name: z.string(),
  full_name: z.string().nullable(),
  bio: z.string().nullable(),
  image: z.string().nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  /** Only for the profile's owner, and for the other party of an accepted or completed offer. */
  email: z.string().optional(),
  /** Same visibility as `email`. */
  phone_number: z.string().nullable().optional(),
});
export type Profile = z.infer<typeof profileSchema>;
