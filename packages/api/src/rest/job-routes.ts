// Finding open jobs over REST: a bare list, the next page in `Link`.
import { type JobSearchPage, jobSearchInputFields, openJobSchema } from "../jobs/schemas.ts";
import { nextPageLink } from "./paging.ts";
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
      min_price: queryParameter("min_price", fields.min_price, { numeric: true }),
      max_price: queryParameter("max_price", fields.max_price, { numeric: true }),
      sort: queryParameter("sort", fields.sort),
      cursor: queryParameter("cursor", fields.cursor),
      limit: queryParameter("limit", fields.limit, { numeric: true }),
    },
    errors: [401],
    response: openJobSchema.array(),
    procedure: "jobs.search",
    present: (page: JobSearchPage) => page.items,
    headers: nextPageLink,
  }),
];
