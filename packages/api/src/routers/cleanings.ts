// Cleanings over tRPC: transport only; the rules are in cleanings/cleanings.ts.
import { z } from "zod";
import {
  createCleaning,
  deleteCleaning,
  getCleaning,
  listOwnCleanings,
  updateCleaning,
} from "../cleanings/cleanings.ts";
import {
  cleaningCreateSchema,
  cleaningIdSchema,
  cleaningSchema,
  cleaningUpdateSchema,
} from "../cleanings/schemas.ts";
import { cleaningWithOffersSchema } from "../offers/schemas.ts";
import { createRouter, protectedProcedure } from "../trpc.ts";

export const cleaningByIdInput = z.object({ id: cleaningIdSchema });
export const cleaningUpdateInput = z.object({ id: cleaningIdSchema, patch: cleaningUpdateSchema });

// Every cleaning procedure needs a logged-in user.
export const cleaningsRouter = createRouter({
  create: protectedProcedure
    .input(cleaningCreateSchema)
    .output(cleaningSchema)
    .mutation(({ ctx, input }) => createCleaning(ctx.db, ctx.user, input)),

  /** Any cleaning: others will bid on them. Offers: all for the owner, else the caller's own. */
  byId: protectedProcedure
    .input(cleaningByIdInput)
    .output(cleaningWithOffersSchema)
    .query(({ ctx, input }) => getCleaning(ctx.sql, ctx.user, input.id)),

  /** The caller's own cleanings, newest first, with all their offers. */
  list: protectedProcedure
    .output(cleaningWithOffersSchema.array())
    .query(({ ctx }) => listOwnCleanings(ctx.db, ctx.user)),

  update: protectedProcedure
    .input(cleaningUpdateInput)
    .output(cleaningSchema)
    .mutation(({ ctx, input }) => updateCleaning(ctx.db, ctx.user, input.id, input.patch)),

  delete: protectedProcedure
    .input(cleaningByIdInput)
    .output(z.object({ id: cleaningIdSchema }))
    .mutation(async ({ ctx, input }) => {
      await deleteCleaning(ctx.services, ctx.user, input.id);
      return { id: input.id };
    }),
});
