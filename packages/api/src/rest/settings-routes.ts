// The caller's account settings over REST, mapped onto the settings procedures.

import { ErrorCode } from "../error-codes.ts";
import { ACCOUNT_BODY_LIMIT_BYTES } from "../http/body-limit.ts";
import { accountSettingsSchema } from "../settings/schemas.ts";
import { type ProcedureRoute, procedureRoute } from "./route-table.ts";
import { jsonBody } from "./sources.ts";

export const settingsRoutes: ProcedureRoute[] = [
  procedureRoute({
    method: "GET",
    path: "/users/me/settings",
    summary: "The caller's account settings",
    tag: "users",
    status: 200,
    errors: [ErrorCode.UNAUTHORIZED, ErrorCode.USER_NOT_FOUND],
    response: accountSettingsSchema,
    procedure: "settings.get",
  }),
  procedureRoute({
    method: "PATCH",
    path: "/users/me/settings",
    summary: "Change the caller's account settings (no password needed)",
    tag: "users",
    status: 200,
    input: jsonBody(accountSettingsSchema),
    bodyLimitBytes: ACCOUNT_BODY_LIMIT_BYTES,
    errors: [ErrorCode.UNAUTHORIZED, ErrorCode.USER_NOT_FOUND],
    response: accountSettingsSchema,
    procedure: "settings.update",
  }),
];
