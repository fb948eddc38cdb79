// The activity feed of every user's cleanings (marketplace contract §4).
import { readFeedPage } from "../feed/feed.ts";
import { feedInputSchema, feedPageSchema } from "../feed/schemas.ts";
import { createRouter, protectedProcedure } from "../trpc.ts";

export const feedRouter = createRouter({
  // "Now" is read per request: Phresh computed its default once, at import (contract Q3).
  cleanings: protectedProcedure
    .input(feedInputSchema)
    .output(feedPageSchema)
    .query(({ ctx, input }) => readFeedPage(ctx.sql, input, new Date())),
});
