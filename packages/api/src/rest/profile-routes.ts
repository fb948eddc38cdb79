// The marketplace's profile routes, mapped onto the profiles procedures. No rule lives here.
// `/profiles/me` wins over `/profiles/{name}` because the adapter prefers fewer parameters
// (and "me" is no valid name anyway).

import { userNameSchema } from "../auth/schemas.ts";
import { ErrorCode } from "../error-codes.ts";
import { profileSchema, profileUpdateSchema } from "../profiles/schemas.ts";
import { SIGNED_IN } from "./refusals.ts";
import { type ProcedureRoute, procedureRoute } from "./route-table.ts";
import { jsonBodyField, pathParameter } from "./sources.ts";

export const profileRoutes: ProcedureRoute[] = [
  procedureRoute({
    method: "GET",
    path: "/profiles/me",
    summary: "The caller's own profile, with e-mail and phone number",
    tag: "profiles",
    status: 200,
    errors: [...SIGNED_IN, ErrorCode.PROFILE_NOT_FOUND],
    response: profileSchema,
    procedure: "profiles.me",
  }),
  ...(["PUT", "PATCH"] as const).map((method) =>
    procedureRoute({
      method,
      path: "/profiles/me",
      summary: "Change some fields of the caller's profile (null clears one)",
      tag: "profiles",
      status: 200,
      input: jsonBodyField("profile_update", profileUpdateSchema),
      errors: [...SIGNED_IN, ErrorCode.PROFILE_NOT_FOUND],
      response: profileSchema,
      procedure: "profiles.updateMe",
    }),
  ),
  procedureRoute({
    method: "GET",
    path: "/profiles/{name}",
    summary:
      "Anyone's profile; e-mail and phone number only for the other party of an accepted or completed offer",
    tag: "profiles",
    status: 200,
    input: { name: pathParameter("name", userNameSchema) },
    errors: [...SIGNED_IN, ErrorCode.PROFILE_NOT_FOUND],
    response: profileSchema,
    procedure: "profiles.byName",
  }),
];
