// The legacy REST adapter: a framework-agnostic `(Request) => Promise<Response>` that maps the
// old FastAPI contract onto the tRPC procedures, and translates their errors back.
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { ErrorCode, errorTransport } from "../error-codes.ts";
import { PhreshError } from "../errors.ts";
import { DEFAULT_BODY_LIMIT_BYTES } from "../http/body-limit.ts";
import { createCaller } from "../root.ts";
import type { Services } from "../services.ts";
import { createContext } from "../trpc.ts";
import { accountRoutes } from "./account-routes.ts";
import { cleaningRoutes } from "./cleaning-routes.ts";
import { documentationRoutes } from "./documentation.ts";
import { feedRoutes } from "./feed-routes.ts";
import { jobRoutes } from "./job-routes.ts";
import { buildOpenApiDocument } from "./openapi.ts";
import { RequestRefusal, readFormBody, readJsonBody } from "./request-body.ts";
import {
  type CompiledRoute,
  callProcedure,
  compileRoute,
  matchPath,
  type ProcedureRoute,
  type RestRoute,
} from "./route-table.ts";
import { assembleInput, type RequestParts, sourcesOf } from "./sources.ts";
import { toLegacyIssue } from "./validation-errors.ts";

export type RestHandlerOptions = {
  /** Where the adapter is mounted, e.g. "/api". */
  basePath: string;
};

export const procedureRoutes: ProcedureRoute[] = [
  ...accountRoutes,
  ...cleaningRoutes,
  ...feedRoutes,
  ...jobRoutes,
];

export function createRestHandler(services: Services, options: RestHandlerOptions) {
  const basePath = options.basePath.replace(/\/$/, "");
  const openApi = buildOpenApiDocument(procedureRoutes, basePath);
  const routes: CompiledRoute[] = [
    ...procedureRoutes,
    ...documentationRoutes(basePath, openApi),
  ].map(compileRoute);

  return async function handleRestRequest(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const pathname = url.pathname;
    const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) || "/" : pathname;
    const matching = mostSpecific(routes.filter((route) => matchPath(route, path) !== undefined));
    if (matching.length === 0) return json(404, { detail: "Not Found" });

    const allow = allowedMethods(matching);
    if (request.method === "OPTIONS")
      return new Response(null, { status: 204, headers: { Allow: allow } });
    const route = matching.find((candidate) => candidate.method === request.method);
    if (!route) return json(405, { detail: "Method Not Allowed" }, { Allow: allow });
    if (route.kind === "document") return route.serve();

    try {
      const limit = route.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
      const parts = await readRequestParts(
        request,
        route,
        { path: matchPath(route, path) ?? {}, query: url.searchParams },
        limit,
      );
      const caller = createCaller(createContext(services, request));
      const output = await callProcedure(
        caller,
        route.procedure,
        assembleInput(route.input, parts),
      );
      const body = route.present ? route.present(output) : output;
      return json(route.status, body, route.headers?.(output, url));
    } catch (error) {
      return translateError(route, error);
    }
  };
}

/** `/users/me` is served by its own routes, not by `/users/{id}`: fewest parameters win. */
function mostSpecific(routes: CompiledRoute[]): CompiledRoute[] {
  const fewest = Math.min(...routes.map((route) => route.parameterNames.length));
  return routes.filter((route) => route.parameterNames.length === fewest);
}

/** Methods the path really serves, from the route table. */
function allowedMethods(routes: RestRoute[]): string {
  return [...new Set([...routes.map((route) => route.method), "OPTIONS"])].join(", ");
}

async function readRequestParts(
  request: Request,
  route: ProcedureRoute,
  location: Pick<RequestParts, "path" | "query">,
  bodyLimit: number,
): Promise<RequestParts> {
  const kinds = new Set(sourcesOf(route.input).map((source) => source.from));
  return {
    ...location,
    json: kinds.has("json") ? await readJsonBody(request, bodyLimit) : undefined,
    form: kinds.has("form") ? await readFormBody(request, bodyLimit) : undefined,
  };
}

function translateError(route: ProcedureRoute, error: unknown): Response {
  if (error instanceof RequestRefusal) return json(error.status, { detail: error.detail });
  if (error instanceof TRPCError) {
    if (error.cause instanceof ZodError) {
      return json(422, {
        detail: error.cause.issues.map((issue) => toLegacyIssue(route.input, issue)),
      });
    }
    const status = getHTTPStatusCodeFromError(error);
    if (status === 401)
      return json(401, { detail: error.message }, { "WWW-Authenticate": "Bearer" });
    // A PhreshError is a deliberate answer (503 included); anything else at 5xx is internal.
    if (status < 500 || error instanceof PhreshError) {
      const phresh = error instanceof PhreshError ? error : undefined;
      const withReason =
        phresh?.reason && errorTransport[phresh.errorCode].detail === "codeAndReason";
      // Refused for now (429, 503): when to come back.
      const retryAfter = phresh?.retryAfterSeconds;
      return json(
        status,
        { detail: withReason ? { code: phresh.errorCode, reason: phresh.reason } : error.message },
        retryAfter ? { "Retry-After": String(retryAfter) } : {},
      );
    }
  }
  console.error(`${route.method} ${route.path} failed:`, error);
  return json(500, { detail: ErrorCode.INTERNAL_SERVER_ERROR });
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  if (status === 204 || body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}
