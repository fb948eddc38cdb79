// The owner of a listed cleaning (activity feed, open jobs) as anyone may see it: id, name and
// the public part of the profile. Never an e-mail or a phone number (marketplace contract, Q1).
// Browser-safe.
import { z } from "zod";

export const publicOwnerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  profile: z.object({ full_name: z.string().nullable(), image: z.string().nullable() }),
});
export type PublicOwner = z.infer<typeof publicOwnerSchema>;
