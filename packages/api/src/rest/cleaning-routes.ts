// The legacy cleanings contract of the FastAPI service, route by route. Each entry maps a
// method and path onto a procedure; no rule lives here.

import type { z } from "zod";
import {
  cleaningCreateSchema,
  cleaningIdSchema,
  cleaningSchema,
  cleaningUpdateSchema,
} from "../cleanings/schemas.ts";
import type { cleaningByIdInput, cleaningUpdateInput } from "../routers/cleanings.ts";
import type { ProcedureRoute } from "./route-table.ts";
import { jsonBodyField, pathParameter } from "./sources.ts";

const cleaningId = pathParameter("id", cleaningIdSchema);

// The procedures validate; these casts only hand the unvalidated input on (see ProcedureRoute.call).
type CreateInput = z.input<typeof cleaningCreateSchema>;
type ByIdInput = z.input<typeof cleaningByIdInput>;
type UpdateInput = z.input<typeof cleaningUpdateInput>;

export const cleaningRoutes: ProcedureRoute[] = [
  {
    kind: "procedure",
    method: "POST",
    path: "/cleanings",
    summary: "Create a cleaning",
    tag: "cleanings",
    status: 201,
    input: jsonBodyField("new_cleaning", cleaningCreateSchema),
    errors: [401],
    response: cleaningSchema,
    call: (caller, input) => caller.cleanings.create(input as CreateInput),
  },
  {
    kind: "procedure",
    method: "GET",
    path: "/cleanings",
    summary: "The caller's cleanings, newest first",
    tag: "cleanings",
    status: 200,
    errors: [401],
    response: cleaningSchema.array(),
    call: (caller) => caller.cleanings.list(),
  },
  {
    kind: "procedure",
    method: "GET",
    path: "/cleanings/{id}",
    summary: "Get one cleaning",
    tag: "cleanings",
    status: 200,
    input: { id: cleaningId },
    errors: [401, 403, 404],
    response: cleaningSchema,
    call: (caller, input) => caller.cleanings.byId(input as ByIdInput),
  },
  ...(["PUT", "PATCH"] as const).map(
    (method): ProcedureRoute => ({
      kind: "procedure",
      method,
      path: "/cleanings/{id}",
      summary: "Change some fields of a cleaning",
      tag: "cleanings",
      status: 200,
      input: { id: cleaningId, patch: jsonBodyField("update_cleaning", cleaningUpdateSchema) },
      errors: [401, 403, 404],
      response: cleaningSchema,
      call: (caller, input) => caller.cleanings.update(input as UpdateInput),
    }),
  ),
  {
    kind: "procedure",
    method: "DELETE",
    path: "/cleanings/{id}",
    summary: "Delete a cleaning; answers with its id",
    tag: "cleanings",
    status: 200,
    input: { id: cleaningId },
    errors: [401, 403, 404],
    response: cleaningIdSchema,
    call: (caller, input) => caller.cleanings.delete(input as ByIdInput),
    present: (output) => (output as { id: number }).id,
  },
];
