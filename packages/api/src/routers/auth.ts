// Logging in and out, verification and password reset.

import { spend } from "../auth/rate-limits.ts";
import {
  accountTokenInput,
  emailRequestInput,
  loginInput,
  resetPasswordInput,
} from "../auth/schemas.ts";
import {
  forgotPassword,
  logIn,
  logOut,
  logOutEverywhere,
  requestVerification,
  resetPassword,
  verifyUser,
} from "../auth/user-manager.ts";
import { toUser } from "../auth/users.ts";
import { runInBackground } from "../services.ts";
import { clientKey, createRouter, publicProcedure, unverifiedAllowedProcedure } from "../trpc.ts";

export const authRouter = createRouter({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    return {
      access_token: await logIn(ctx.services, input, clientKey(ctx)),
      token_type: "bearer" as const,
    };
  }),

  /** Revokes the token used for this call (an unverified account may log out too). */
  logout: unverifiedAllowedProcedure.mutation(async ({ ctx }) => {
    await logOut(ctx.services, ctx.token);
    return null;
  }),

  /** Revokes every token of the caller, on every device. */
  logoutEverywhere: unverifiedAllowedProcedure.mutation(async ({ ctx }) => {
    await logOutEverywhere(ctx.services, ctx.user.id);
    return null;
  }),

  /** Always answers the same, and as fast, whether or not the address has an account. */
  requestVerifyToken: publicProcedure.input(emailRequestInput).mutation(async ({ ctx, input }) => {
    await spend(ctx.services.rateLimits.mailRequestsPerAddress, clientKey(ctx));
    runInBackground(ctx.services, "request-verify-token", () =>
      requestVerification(ctx.services, input.email),
    );
    return null;
  }),

  verify: publicProcedure
    .input(accountTokenInput)
    .mutation(async ({ ctx, input }) => toUser(await verifyUser(ctx.services, input.token))),

  /** Always answers the same, and as fast, whether or not the address has an account. */
  forgotPassword: publicProcedure.input(emailRequestInput).mutation(async ({ ctx, input }) => {
    await spend(ctx.services.rateLimits.mailRequestsPerAddress, clientKey(ctx));
    runInBackground(ctx.services, "forgot-password", () =>
      forgotPassword(ctx.services, input.email),
    );
    return null;
  }),

  resetPassword: publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    await spend(ctx.services.rateLimits.resetPerAddress, clientKey(ctx));
    await resetPassword(ctx.services, input);
    return null;
  }),
});
