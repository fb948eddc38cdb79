import { z } from "zod";
import { mayChangeCleaning } from "../cleanings/ownership.ts";
import { priceToDecimal, toCleaning, toCleaningChanges } from "../cleanings/records.ts";
import {
  cleaningCreateSchema,
  cleaningIdSchema,
  cleaningUpdateSchema,
} from "../cleanings/schemas.ts";
import { ErrorCode } from "../error-codes.ts";
import { domainError } from "../errors.ts";
import { type Context, createRouter, protectedProcedure } from "../trpc.ts";

export const cleaningByIdInput = z.object({ id: cleaningIdSchema });
export const cleaningUpdateInput = z.object({ id: cleaningIdSchema, patch: cleaningUpdateSchema });

/** The cleaning, if the caller may change it: NOT_FOUND when absent, FORBIDDEN when not theirs. */
async function changeableCleaning(
  ctx: Context & { user: { id: string; isSuperuser: boolean } },
  id: number,
) {
  const cleaning = await ctx.db.cleaning.findUnique({
    where: { id },
    select: { id: true, ownerId: true },
  });
  if (!cleaning) throw domainError(ErrorCode.CLEANING_NOT_FOUND);
  if (!mayChangeCleaning(ctx.user, cleaning)) throw domainError(ErrorCode.CLEANING_NOT_OWNER);
  return cleaning;
}

// Every cleaning procedure needs a logged-in user.
export const cleaningsRouter = createRouter({
  create: protectedProcedure.input(cleaningCreateSchema).mutation(async ({ ctx, input }) => {
    const row = await ctx.db.cleaning.create({
      data: {
        name: input.name,
        description: input.description ?? null,
        price: priceToDecimal(input.price),
        cleaningType: input.cleaning_type,
        ownerId: ctx.user.id,
      },
    });
    return toCleaning(row);
  }),

  /** Any cleaning: others will bid on them. */
  byId: protectedProcedure.input(cleaningByIdInput).query(async ({ ctx, input }) => {
    const row = await ctx.db.cleaning.findUnique({ where: { id: input.id } });
    if (!row) throw domainError(ErrorCode.CLEANING_NOT_FOUND);
    return toCleaning(row);
  }),

  /** The caller's own cleanings, newest first. */
  list: protectedProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.cleaning.findMany({
      where: { ownerId: ctx.user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    return rows.map(toCleaning);
  }),

  update: protectedProcedure.input(cleaningUpdateInput).mutation(async ({ ctx, input }) => {
    await changeableCleaning(ctx, input.id);
    const row = await ctx.db.cleaning.update({
      where: { id: input.id },
      data: toCleaningChanges(input.patch),
    });
    return toCleaning(row);
  }),

  delete: protectedProcedure.input(cleaningByIdInput).mutation(async ({ ctx, input }) => {
    await changeableCleaning(ctx, input.id);
    // deleteMany: a concurrent delete is not an error, the cleaning is gone either way.
    await ctx.db.cleaning.deleteMany({ where: { id: input.id } });
    return { id: input.id };
  }),
});
