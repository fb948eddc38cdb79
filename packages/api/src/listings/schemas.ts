// A person as anyone may see them (a listed cleaning's owner, an offerer): id, name and the
// public part of the profile. Never an e-mail or a phone number (marketplace contract, Q1).
// Browser-safe.
import { z } from "zod";

export const publicUserSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  profile: z.object({ full_name: z.string().nullable(), image: z.string().nullable() }),
});
export type PublicUser = z.infer<typeof publicUserSchema>;
