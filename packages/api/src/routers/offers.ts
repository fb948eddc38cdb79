// Offers over tRPC (marketplace contract O1–O6, and the caller's own offers): transport only;
// the rules are in offers/offers.ts.
import {
  acceptOffer,
  cancelOffer,
  listOffers,
  makeOffer,
  myOffers,
  offerOf,
  rescindOffer,
} from "../offers/offers.ts";
import {
  cleaningOffersInput,
  myOffersInput,
  myOffersPageSchema,
  offerPublicSchema,
  offerRefInput,
} from "../offers/schemas.ts";
import { createRouter, protectedProcedure } from "../trpc.ts";

export const offersRouter = createRouter({
  /** O1: offer to do someone else's cleaning. */
  make: protectedProcedure
    .input(cleaningOffersInput)
    .output(offerPublicSchema)
    .mutation(({ ctx, input }) => makeOffer(ctx.services, ctx.user, input.cleaning_id)),

  /** O2: every offer of a cleaning, for its owner. */
  list: protectedProcedure
    .input(cleaningOffersInput)
    .output(offerPublicSchema.array())
    .query(({ ctx, input }) => listOffers(ctx.db, ctx.user, input.cleaning_id)),

  /** O3: one person's offer, for the cleaning's owner and that person. */
  byUser: protectedProcedure
    .input(offerRefInput)
    .output(offerPublicSchema)
    .query(({ ctx, input }) => offerOf(ctx.db, ctx.user, input.cleaning_id, input.name)),

  /** O4: the owner accepts one pending offer; the other pending ones are rejected. */
  accept: protectedProcedure
    .input(offerRefInput)
    .output(offerPublicSchema)
    .mutation(({ ctx, input }) =>
      acceptOffer(ctx.services, ctx.user, input.cleaning_id, input.name),
    ),

  /** O5: the offerer cancels their accepted offer. */
  cancel: protectedProcedure
    .input(cleaningOffersInput)
    .output(offerPublicSchema)
    .mutation(({ ctx, input }) => cancelOffer(ctx.services, ctx.user, input.cleaning_id)),

  /** O6: the offerer withdraws a pending offer; answers with it as it was. */
  rescind: protectedProcedure
    .input(cleaningOffersInput)
    .output(offerPublicSchema)
    .mutation(({ ctx, input }) => rescindOffer(ctx.services, ctx.user, input.cleaning_id)),

  /** The caller's offers with their cleanings, newest first, a page at a time. */
  mine: protectedProcedure
    .input(myOffersInput)
    .output(myOffersPageSchema)
    .query(({ ctx, input }) => myOffers(ctx.db, ctx.user, input)),
});
