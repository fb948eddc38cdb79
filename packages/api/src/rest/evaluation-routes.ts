// The marketplace's evaluation routes, mapped onto the evaluations procedures. No rule lives
// here. `…/evaluations/stats` has one path parameter and `…/evaluations/{cleaning_id}` two, so
// the adapter (fewest parameters win) never reads "stats" as a cleaning id.

import { userNameSchema } from "../auth/schemas.ts";
import { cleaningIdSchema } from "../cleanings/schemas.ts";
import { ErrorCode } from "../error-codes.ts";
import {
  type EvaluationPage,
  evaluationAggregateSchema,
  evaluationCreateSchema,
  evaluationCursorSchema,
  evaluationSchema,
} from "../evaluations/schemas.ts";
import { PAGE_SIZE_DEFAULT, pageSizeSchema } from "../listings/paging.ts";
import { SIGNED_IN } from "./refusals.ts";
import { type ProcedureRoute, procedureRoute } from "./route-table.ts";
import { jsonBodyField, pathParameter, queryParameter } from "./sources.ts";

const cleanerName = pathParameter("name", userNameSchema);
const cleaningId = pathParameter("cleaning_id", cleaningIdSchema);

export const evaluationRoutes: ProcedureRoute[] = [
  procedureRoute({
    method: "POST",
    path: "/users/{name}/evaluations/{cleaning_id}",
    summary:
      "Evaluate the cleaner whose offer on your cleaning you accepted; completes the offer (once)",
    tag: "evaluations",
    status: 201,
    input: {
      name: cleanerName,
      cleaning_id: cleaningId,
      evaluation: jsonBodyField("evaluation_create", evaluationCreateSchema),
    },
    errors: [
      ...SIGNED_IN,
      ErrorCode.CLEANING_NOT_FOUND,
      ErrorCode.USER_NOT_FOUND,
      ErrorCode.EVALUATION_NOT_OWNER,
      ErrorCode.OFFER_NOT_FOUND,
      ErrorCode.OFFER_NOT_ACCEPTED,
    ],
    response: evaluationSchema,
    procedure: "evaluations.create",
  }),
  procedureRoute({
    method: "GET",
    path: "/users/{name}/evaluations",
    summary: "A cleaner's evaluations, newest first, one page (Link: rel=next for the next)",
    tag: "evaluations",
    status: 200,
    input: {
      name: cleanerName,
      limit: queryParameter("limit", pageSizeSchema.default(PAGE_SIZE_DEFAULT)),
      cursor: queryParameter("cursor", evaluationCursorSchema.optional()),
    },
    errors: [...SIGNED_IN, ErrorCode.USER_NOT_FOUND],
    response: evaluationSchema.array(),
    procedure: "evaluations.listForCleaner",
    present: (page: EvaluationPage) => page.items,
    nextCursor: (page) => page.next_cursor,
  }),
  procedureRoute({
    method: "GET",
    path: "/users/{name}/evaluations/stats",
    summary: "A cleaner's rating summary (zero counts and null averages before any evaluation)",
    tag: "evaluations",
    status: 200,
    input: { name: cleanerName },
    errors: [...SIGNED_IN, ErrorCode.USER_NOT_FOUND],
    response: evaluationAggregateSchema,
    procedure: "evaluations.stats",
  }),
  procedureRoute({
    method: "GET",
    path: "/users/{name}/evaluations/{cleaning_id}",
    summary: "A cleaner's evaluation for one cleaning",
    tag: "evaluations",
    status: 200,
    input: { name: cleanerName, cleaning_id: cleaningId },
    errors: [
      ...SIGNED_IN,
      ErrorCode.CLEANING_NOT_FOUND,
      ErrorCode.USER_NOT_FOUND,
      ErrorCode.EVALUATION_NOT_FOUND,
    ],
    response: evaluationSchema,
    procedure: "evaluations.byCleaning",
  }),
];
