// The caller's account settings. Transport only; see settings/.
import { accountSettingsSchema } from "../settings/schemas.ts";
import { accountSettings, updateAccountSettings } from "../settings/settings.ts";
import { createRouter, unverifiedAllowedProcedure } from "../trpc.ts";

export const settingsRouter = createRouter({
  get: unverifiedAllowedProcedure
    .output(accountSettingsSchema)
    .query(({ ctx }) => accountSettings(ctx.user)),

  update: unverifiedAllowedProcedure
    .input(accountSettingsSchema)
    .output(accountSettingsSchema)
    .mutation(({ ctx, input }) => updateAccountSettings(ctx.db, ctx.user.id, input)),
});
