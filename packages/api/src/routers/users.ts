// Registration, the caller's own account, and superusers' management of any account.
import { z } from "zod";
import { spend } from "../auth/rate-limits.ts";
import {
  adminUserUpdateSchema,
  registerInput,
  updateOwnAccountInput,
  userIdSchema,
} from "../auth/schemas.ts";
import {
  deleteUser,
  getUser,
  registerUser,
  updateOwnAccount,
  updateUserAsSuperuser,
} from "../auth/user-manager.ts";
import { toUser } from "../auth/users.ts";
import {
  clientKey,
  createRouter,
  publicProcedure,
  superuserProcedure,
  unverifiedAllowedProcedure,
} from "../trpc.ts";

export const userByIdInput = z.object({ id: userIdSchema });
export const userUpdateInput = z.object({ id: userIdSchema, patch: adminUserUpdateSchema });

export const usersRouter = createRouter({
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    await spend(ctx.services.rateLimits.registerPerAddress, clientKey(ctx));
    return toUser(await registerUser(ctx.services, input));
  }),

  // An unverified account may still read and change itself (e.g. correct a mistyped address).
  me: unverifiedAllowedProcedure.query(({ ctx }) => toUser(ctx.user)),

  /** Checks the current password: counted per address like a log-in. */
  updateMe: unverifiedAllowedProcedure
    .input(updateOwnAccountInput)
    .mutation(async ({ ctx, input }) => {
      const updated = await updateOwnAccount(ctx.services, ctx.user, input, clientKey(ctx));
      // A new password ended every session, this one too: the caller keeps theirs, newly issued.
      if (input.password !== undefined) {
        const { accessTokens } = ctx.services;
        ctx.reissueAccessToken(await accessTokens.issue(updated.id, updated.tokenGeneration));
      }
      return toUser(updated);
    }),

  byId: superuserProcedure
    .input(userByIdInput)
    .query(async ({ ctx, input }) => toUser(await getUser(ctx.services, input.id))),

  update: superuserProcedure
    .input(userUpdateInput)
    .mutation(async ({ ctx, input }) =>
      toUser(await updateUserAsSuperuser(ctx.services, input.id, input.patch)),
    ),

  delete: superuserProcedure.input(userByIdInput).mutation(async ({ ctx, input }) => {
    await deleteUser(ctx.services, input.id);
    return null;
  }),
});
