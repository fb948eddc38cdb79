// The caller's account settings. Transport only; see settings/.
import { accountSettingsSchema } from "../settings/schemas.ts";
import { accountSettings, updateAccountSettings } from "../settings/settings.ts";
import { createRouter, protectedProcedure } from "../trpc.ts";

export const settingsRouter = createRouter({
  get: protectedProcedure.query(({ ctx }) => accountSettings(ctx.user)),

  update: protectedProcedure
    .input(accountSettingsSchema)
    .mutation(({ ctx, input }) => updateAccountSettings(ctx.db, ctx.user.id, input)),
});
