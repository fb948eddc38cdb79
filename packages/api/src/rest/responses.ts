// What each REST route really answers, as zod schemas: its success body, and for every status
// it can refuse with, the exact error codes and body shape (from the one error table). The
// OpenAPI document is generated from these, and the fuzz test checks every answer against them.
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { z } from "zod";
import { type ErrorCode, errorTransport } from "../error-codes.ts";
import type { ProcedureRoute } from "./route-table.ts";
import { sourcesOf } from "./sources.ts";

export type DocumentedResponse = { description: string; schema: z.ZodType | undefined };

export const validationErrorSchema = z.object({
  detail: z.array(
    z.object({
      loc: z.array(z.union([z.string(), z.number().int()])),
      msg: z.string(),
      type: z.string(),
    }),
  ),
});

/**
 * What any route may answer: the database is briefly out of reach, or the server too busy (a
 * transaction that cannot start in time, password hashing queued full).
 */
const ALWAYS: ErrorCode[] = ["SERVICE_UNAVAILABLE", "SERVER_BUSY"];

export function statusOf(code: ErrorCode): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: errorTransport[code].trpc }));
}

/** `{"detail": CODE}`, or fastapi-users' `{"detail": {"code", "reason"}}` where the table says so. */
function errorBodySchema(codes: ErrorCode[]): z.ZodType {
  const [first, ...rest] = codes;
  if (!first) throw new Error("no codes");
  const bare = z.object({ detail: z.enum([first, ...rest]) });
  const withReason = codes.filter((code) => errorTransport[code].detail === "codeAndReason");
  const [firstWithReason, ...restWithReason] = withReason;
  if (!firstWithReason) return bare;
  // A code that carries a reason is sent bare when the refusal has none.
  return z.union([
    bare,
    z.object({
      detail: z.object({
        code: z.enum([firstWithReason, ...restWithReason]),
        reason: z.string(),
      }),
    }),
  ]);
}

/** The codes a route can refuse with: its own, plus those every route of its kind shares. */
export function errorCodesOf(route: ProcedureRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>([...(route.errors ?? []), ...ALWAYS]);
  // Every signed-in write also refuses the session cookie sent from another site.
  if (codes.has("UNAUTHORIZED") && route.method !== "GET") codes.add("CROSS_ORIGIN_REQUEST");
  return [...codes];
}

export function documentedResponses(route: ProcedureRoute): Map<number, DocumentedResponse> {
  const responses = new Map<number, DocumentedResponse>();
  responses.set(route.status, {
    description: "Success",
    schema: route.status === 204 ? undefined : (route.response ?? z.unknown()),
  });
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route)) {
    const status = statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of byStatus) {
    responses.set(status, { description: codes.join(", "), schema: errorBodySchema(codes) });
  }
  const sources = sourcesOf(route.input);
  if (sources.length > 0) {
    responses.set(422, { description: "Validation error", schema: validationErrorSchema });
  }
  if (sources.some((source) => source.from === "json" || source.from === "form")) {
    responses.set(413, {
      description: "REQUEST_TOO_LARGE",
      schema: z.object({ detail: z.literal("REQUEST_TOO_LARGE") }),
    });
    responses.set(415, {
      description: "UNSUPPORTED_MEDIA_TYPE, with the media type to send",
      schema: z.object({ detail: z.string().startsWith("UNSUPPORTED_MEDIA_TYPE") }),
    });
  }
  return responses;
}
