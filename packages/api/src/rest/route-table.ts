// The shape of a legacy REST route: an HTTP method and path mapped onto one tRPC procedure.
import type { inferRouterOutputs } from "@trpc/server";
import type { z } from "zod";
import type { ErrorCode } from "../error-codes.ts";
import { tryDecodeURIComponent } from "../http/percent-decoding.ts";
import type { AppRouter, createCaller } from "../root.ts";
import type { InputSpec } from "./sources.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Caller = ReturnType<typeof createCaller>;

type Outputs = inferRouterOutputs<AppRouter>;
/** Every procedure, as `router.procedure`. */
export type ProcedureName = {
  [Router in keyof Outputs & string]: `${Router}.${keyof Outputs[Router] & string}`;
}[keyof Outputs & string];
type OutputOf<Name extends ProcedureName> = Name extends `${infer Router}.${infer Procedure}`
  ? Router extends keyof Outputs
    ? Procedure extends keyof Outputs[Router]
      ? Outputs[Router][Procedure]
      : never
    : never
  : never;

type RouteSpec<Name extends ProcedureName, Body> = {
  method: HttpMethod;
  /** Below the adapter's base path, with `{name}` for path parameters. */
  path: string;
  summary: string;
  tag: string;
  status: number;
  /** Where the procedure's input comes from in the request; the procedure's schema judges it. */
  input?: InputSpec;
  /** Below the adapter's limit for routes that take credentials. */
  bodyLimitBytes?: number;
  /**
   * The codes the procedure may refuse with (validation, body limits and outages are implied):
   * the OpenAPI document derives each status and body from the error table.
   */
  errors?: ErrorCode[];
  procedure: Name;
  /** The legacy body, when it differs from the procedure's output. */
  present?(output: OutputOf<Name>): Body;
  /**
   * For a paged procedure: the cursor of the next page, if any. The answer then carries
   * `Link: <this URL with ?cursor=…>; rel="next"`, and the body can stay a bare list.
   */
  nextCursor?(output: OutputOf<Name>): string | null;
  /** The body as documented in OpenAPI, typed against what is really sent. */
  response?: z.ZodType<NoInfer<Body>>;
};

export type ProcedureRoute = Omit<
  RouteSpec<ProcedureName, unknown>,
  "present" | "response" | "nextCursor"
> & {
  kind: "procedure";
  present?(output: unknown): unknown;
  nextCursor?(output: unknown): string | null;
  response?: z.ZodType;
};

/**
 * A route onto one procedure. `response` is checked against the procedure's output (or what
 * `present` makes of it), so the OpenAPI document cannot drift from what is sent.
 */
export function procedureRoute<Name extends ProcedureName, Body = OutputOf<Name>>(
  spec: RouteSpec<Name, Body>,
): ProcedureRoute {
  return { kind: "procedure", ...spec } as ProcedureRoute;
}

type AnyProcedure = (input: unknown) => Promise<unknown>;

/**
 * Calls a route's procedure. The input is assembled from the request and not yet validated,
 * so it is passed on as-is: the procedure's own schema is the one that judges it. This is the
 * one cast between the route table and the typed caller.
 */
export function callProcedure(caller: Caller, name: ProcedureName, input: unknown) {
  const [router = "", procedure = ""] = name.split(".");
  const procedures = (caller as unknown as Record<string, Record<string, AnyProcedure>>)[router];
  const call = procedures?.[procedure];
  if (!call) throw new Error(`No procedure ${name}`);
  return call(input);
}

export type DocumentRoute = {
  kind: "document";
  method: "GET";
  path: string;
  serve(): Response | Promise<Response>;
};

export type RestRoute = ProcedureRoute | DocumentRoute;

export type CompiledRoute<Route extends RestRoute = RestRoute> = Route & {
  pattern: RegExp;
  parameterNames: string[];
};

export function compileRoute<Route extends RestRoute>(route: Route): CompiledRoute<Route> {
  const parameterNames: string[] = [];
  const source = route.path
    .split("/")
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      parameterNames.push(parameter[1]);
      return "([^/]+)";
    })
    .join("/");
  return { ...route, pattern: new RegExp(`^${source}/?$`), parameterNames };
}

export function matchPath(route: CompiledRoute, path: string): Record<string, string> | undefined {
  const match = route.pattern.exec(path);
  if (!match) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, name] of route.parameterNames.entries()) {
    const value = tryDecodeURIComponent(match[index + 1] ?? "");
    // Not valid percent-encoding: it names nothing, so the path does not match.
    if (value === undefined) return undefined;
    parameters[name] = value;
  }
  return parameters;
}

/**
 * The routes serving `path`, one per method. `/users/me` is served by its own routes, not by
 * `/users/{id}`: fewest parameters win.
 */
export function matchingRoutes<Route extends CompiledRoute>(
  routes: Route[],
  path: string,
): Route[] {
  const matching = routes.filter((route) => matchPath(route, path) !== undefined);
  const fewest = Math.min(...matching.map((route) => route.parameterNames.length));
  return matching.filter((route) => route.parameterNames.length === fewest);
}
