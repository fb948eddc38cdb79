// The activity feed over REST (marketplace contract F1): a bare list, the next page in `Link`.

import { cleaningFeedItemSchema, type FeedPage, feedInputFields } from "../feed/schemas.ts";
import { SIGNED_IN } from "./refusals.ts";
import { type ProcedureRoute, procedureRoute } from "./route-table.ts";
import { queryParameter } from "./sources.ts";

export const feedRoutes: ProcedureRoute[] = [
  procedureRoute({
    method: "GET",
    path: "/feed/cleanings",
    summary: "Every user's cleanings as events, newest first; the next page is in the Link header",
    tag: "feed",
    status: 200,
    input: {
      page_chunk_size: queryParameter("page_chunk_size", feedInputFields.page_chunk_size),
      starting_date: queryParameter("starting_date", feedInputFields.starting_date),
      cursor: queryParameter("cursor", feedInputFields.cursor),
    },
    errors: SIGNED_IN,
    response: cleaningFeedItemSchema.array(),
    procedure: "feed.cleanings",
    present: (page: FeedPage) => page.items,
    nextCursor: (page) => page.next_cursor,
  }),
];
