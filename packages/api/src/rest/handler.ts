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
import { evaluationRoutes } from "./evaluation-routes.ts";
import { feedRoutes } from "./feed-routes.ts";
import { jobRoutes } from "./job-routes.ts";
import { offerRoutes } from "./offer-routes.ts";
import { buildOpenApiDocument } from "./openapi.ts";
import { profileRoutes } from "./profile-routes.ts";
import { RequestRefusal, readFormBody, readJsonBody } from "./request-body.ts";
import {
  type CompiledRoute,
  callProcedure,
  compileRoute,
  matchingRoutes,
  matchPath,
  type ProcedureRoute,
  type RestRoute,
} from "./route-table.ts";
import { settingsRoutes } from "./settings-routes.ts";
import { assembleInput, type RequestParts, sourcesOf } from "./sources.ts";
import { toLegacyIssue } from "./validation-errors.ts";

export type RestHandlerOptions = {
  /** Where the adapter is mounted, e.g. "/api". */
  basePath: string;
  /** Sees each answer of a procedure route before it is sent (test servers check it against OpenAPI). */
  onAnswer?(route: ProcedureRoute, answer: Answer): void;
};

/** A procedure route's answer: status, legacy body (undefined: none) and headers. */
export type Answer = { status: number; body: unknown; headers?: HeadersInit };

export const procedureRoutes: ProcedureRoute[] = [
  ...accountRoutes,
  ...cleaningRoutes,
  ...settingsRoutes,
  ...profileRoutes,
  ...evaluationRoutes,
  ...offerRoutes,
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
    const pathname = new URL(request.url).pathname;
    const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) || "/" : pathname;
    const matching = matchingRoutes(routes, path);
    if (matching.length === 0) return json(404, { detail: "Not Found" });

    const allow = allowedMethods(matching);
    if (request.method === "OPTIONS")
      return new Response(null, { status: 204, headers: { Allow: allow } });
    const route = matching.find((candidate) => candidate.method === request.method);
    if (!route) return json(405, { detail: "Method Not Allowed" }, { Allow: allow });
    if (route.kind === "document") return route.serve();

    const answer = await answerWithProcedure(services, request, route, path);
    options.onAnswer?.(route, answer);
    return json(answer.status, answer.body, answer.headers);
  };
}

async function answerWithProcedure(
  services: Services,
  request: Request,
  route: CompiledRoute<ProcedureRoute>,
  path: string,
): Promise<Answer> {
  try {
    const limit = route.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
    const parts = await readRequestParts(request, route, matchPath(route, path) ?? {}, limit);
    // What a procedure sets beside its output (a reissued token) travels as on tRPC.
    const responseHeaders = new Headers();
    const caller = createCaller(createContext(services, request, responseHeaders));
    const output = await callProcedure(caller, route.procedure, assembleInput(route.input, parts));
    const body = route.present ? route.present(output) : output;
    const nextCursor = route.nextCursor?.(output);
    if (nextCursor) responseHeaders.set("Link", nextPageLink(request, nextCursor));
    return { status: route.status, body, headers: responseHeaders };
  } catch (error) {
    return translateError(route, error);
  }
}

/** RFC 8288 link to the next page: the request's own path and query with `cursor` replaced. */
function nextPageLink(request: Request, cursor: string): string {
  const url = new URL(request.url);
  url.searchParams.set("cursor", cursor);
  return `<${url.pathname}${url.search}>; rel="next"`;
}

/** Methods the path really serves, from the route table. */
function allowedMethods(routes: RestRoute[]): string {
  return [...new Set([...routes.map((route) => route.method), "OPTIONS"])].join(", ");
}

async function readRequestParts(
  request: Request,
  route: ProcedureRoute,
  path: Record<string, string>,
  bodyLimit: number,
): Promise<RequestParts> {
  const kinds = new Set(sourcesOf(route.input).map((source) => source.from));
  return {
    path,
    query: new URL(request.url).searchParams,
    json: kinds.has("json") ? await readJsonBody(request, bodyLimit) : undefined,
    form: kinds.has("form") ? await readFormBody(request, bodyLimit) : undefined,
  };
}

function translateError(route: ProcedureRoute, error: unknown): Answer {
  if (error instanceof RequestRefusal)
    return { status: error.status, body: { detail: error.detail } };
  if (error instanceof TRPCError) {
    if (error.cause instanceof ZodError) {
      return {
        status: 422,
        body: {
          detail: error.cause.issues.map((issue) => toLegacyIssue(route.input, issue)),
        },
      };
    }
    const status = getHTTPStatusCodeFromError(error);
    if (status === 401)
      return {
        status: 401,
        body: { detail: error.message },
        headers: { "WWW-Authenticate": "Bearer" },
      };
    // A PhreshError is a deliberate answer (503 included); anything else at 5xx is internal.
    if (status < 500 || error instanceof PhreshError) {
      const phresh = error instanceof PhreshError ? error : undefined;
      const withReason =
        phresh?.reason && errorTransport[phresh.errorCode].detail === "codeAndReason";
      // Refused for now (429, 503): when to come back.
      const retryAfter = phresh?.retryAfterSeconds;
      return {
        status,
        body: {
          detail: withReason ? { code: phresh.errorCode, reason: phresh.reason } : error.message,
        },
        headers: retryAfter ? { "Retry-After": String(retryAfter) } : {},
      };
    }
  }
  console.error(`${route.method} ${route.path} failed:`, error);
  return { status: 500, body: { detail: ErrorCode.INTERNAL_SERVER_ERROR } };
}

export function json(status: number, body: unknown, headers: HeadersInit = {}): Response {
  if (status === 204 || body === undefined) return new Response(null, { status, headers });
  const withType = new Headers(headers);
  withType.set("Content-Type", "application/json");
  return new Response(JSON.stringify(body), { status, headers: withType });
}
