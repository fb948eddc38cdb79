// The legacy cleanings contract of the FastAPI service, route by route. Each entry maps a
// method and path onto a procedure; no rule lives here.

import {
  cleaningCreateSchema,
  cleaningIdSchema,
  cleaningSchema,
  cleaningUpdateSchema,
} from "../cleanings/schemas.ts";
import { ErrorCode } from "../error-codes.ts";
import { cleaningWithOffersSchema } from "../offers/schemas.ts";
import { SIGNED_IN } from "./refusals.ts";
import { type ProcedureRoute, procedureRoute } from "./route-table.ts";
import { jsonBodyField, pathParameter } from "./sources.ts";

const cleaningId = pathParameter("id", cleaningIdSchema);

export const cleaningRoutes: ProcedureRoute[] = [
  procedureRoute({
    method: "POST",
    path: "/cleanings",
    summary: "Create a cleaning",
    tag: "cleanings",
    status: 201,
    input: jsonBodyField("new_cleaning", cleaningCreateSchema),
    errors: SIGNED_IN,
    response: cleaningSchema,
    procedure: "cleanings.create",
  }),
  procedureRoute({
    method: "GET",
    path: "/cleanings",
    summary: "The caller's cleanings, newest first, each with all its offers",
    tag: "cleanings",
    status: 200,
    errors: SIGNED_IN,
    response: cleaningWithOffersSchema.array(),
    procedure: "cleanings.list",
  }),
  procedureRoute({
    method: "GET",
    path: "/cleanings/{id}",
    summary: "Get one cleaning: all its offers for the owner, the caller's own for anyone else",
    tag: "cleanings",
    status: 200,
    input: { id: cleaningId },
    errors: [...SIGNED_IN, ErrorCode.CLEANING_NOT_FOUND],
    response: cleaningWithOffersSchema,
    procedure: "cleanings.byId",
  }),
  ...(["PUT", "PATCH"] as const).map((method) =>
    procedureRoute({
      method,
      path: "/cleanings/{id}",
      summary: "Change some fields of a cleaning",
      tag: "cleanings",
      status: 200,
      input: { id: cleaningId, patch: jsonBodyField("update_cleaning", cleaningUpdateSchema) },
      errors: [
        ...SIGNED_IN,
        ErrorCode.CLEANING_NOT_FOUND,
        ErrorCode.CLEANING_NOT_OWNER,
        ErrorCode.CLEANING_ASSIGNED,
      ],
      response: cleaningSchema,
      procedure: "cleanings.update",
    }),
  ),
  procedureRoute({
    method: "DELETE",
    path: "/cleanings/{id}",
    summary: "Delete a cleaning; answers with its id",
    tag: "cleanings",
    status: 200,
    input: { id: cleaningId },
    errors: [...SIGNED_IN, ErrorCode.CLEANING_NOT_FOUND, ErrorCode.CLEANING_NOT_OWNER],
    response: cleaningIdSchema,
    procedure: "cleanings.delete",
    present: ({ id }: { id: number }) => id,
  }),
];
