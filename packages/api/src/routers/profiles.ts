// Profiles: anyone's by name, and the caller's own. Transport only; the rules are in profiles/.
import { ownProfile, profileByName, updateOwnProfile } from "../profiles/profiles.ts";
import { profileByNameInput, profileSchema, profileUpdateSchema } from "../profiles/schemas.ts";
import { createRouter, protectedProcedure } from "../trpc.ts";

export const profilesRouter = createRouter({
  byName: protectedProcedure
    .input(profileByNameInput)
    .output(profileSchema)
    .query(({ ctx, input }) => profileByName(ctx.db, ctx.user, input.name)),

  me: protectedProcedure.output(profileSchema).query(({ ctx }) => ownProfile(ctx.db, ctx.user)),

  updateMe: protectedProcedure
    .input(profileUpdateSchema)
    .output(profileSchema)
    .mutation(({ ctx, input }) => updateOwnProfile(ctx.db, ctx.user, input)),
});
