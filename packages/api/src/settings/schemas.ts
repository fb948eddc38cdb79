// The account settings contract. Browser-safe. Changing a setting needs no password: none of
// them touches the account's security.
import { z } from "zod";

export const accountSettingsSchema = z.object({
  /** Mails about offers, acceptances and evaluations (on by default); account mails are always sent. */
  marketplace_mails: z.boolean(),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;
