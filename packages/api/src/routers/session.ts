// The web app's cookie session: logging in sets the HttpOnly cookie, logging out revokes the
// token and clears it. API clients use auth.login and bearer tokens instead.
import { z } from "zod";
import { loginInput } from "../auth/schemas.ts";
import { logIn, logOut, logOutEverywhere } from "../auth/user-manager.ts";
import {
  clientKey,
  createRouter,
  sameOriginProcedure,
  unverifiedAllowedProcedure,
} from "../trpc.ts";

export const sessionRouter = createRouter({
  logIn: sameOriginProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    ctx.setSessionCookie(await logIn(ctx.services, input, clientKey(ctx)));
    return null;
  }),

  /** An unverified account may log out too. */
  logOut: unverifiedAllowedProcedure
    .input(z.object({ everywhere: z.boolean().default(false) }).default({ everywhere: false }))
    .mutation(async ({ ctx, input }) => {
      if (input.everywhere) await logOutEverywhere(ctx.services, ctx.user.id);
      else await logOut(ctx.services, ctx.token);
      ctx.setSessionCookie(undefined);
      return null;
    }),
});
