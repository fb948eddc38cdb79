// Finding open jobs over REST: a bare list, the next page in `Link`.

import { type JobSearchPage, jobSearchInputFields, openJobSchema } from "../jobs/schemas.ts";
import { SIGNED_IN } from "./refusals.ts";
import { type ProcedureRoute, procedureRoute } from "./route-table.ts";
import { queryParameter } from "./sources.ts";

const fields = jobSearchInputFields;

export const jobRoutes: ProcedureRoute[] = [
  procedureRoute({
    method: "GET",
    path: "/jobs",
    summary: "Open jobs of other users: search, filters, sort; the next page is in the Link header",
    tag: "jobs",
    status: 200,
    input: {
      q: queryParameter("q", fields.q),
      type: queryParameter("type", fields.type),
      min_price: queryParameter("min_price", fields.min_price),
      max_price: queryParameter("max_price", fields.max_price),
      sort: queryParameter("sort", fields.sort),
      cursor: queryParameter("cursor", fields.cursor),
      limit: queryParameter("limit", fields.limit),
    },
    errors: SIGNED_IN,
    response: openJobSchema.array(),
    procedure: "jobs.search",
    present: (page: JobSearchPage) => page.items,
    nextCursor: (page) => page.next_cursor,
  }),
];
