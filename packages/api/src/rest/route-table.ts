// The shape of a legacy REST route: an HTTP method and path mapped onto one tRPC procedure.
import type { z } from "zod";
import { tryDecodeURIComponent } from "../http/percent-decoding.ts";
import type { createCaller } from "../root.ts";
import type { InputSpec } from "./sources.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Caller = ReturnType<typeof createCaller>;

export type ProcedureRoute = {
  kind: "procedure";
  method: HttpMethod;
  /** Below the adapter's base path, with `{name}` for path parameters. */
  path: string;
  summary: string;
  tag: string;
  status: number;
  input?: InputSpec;
  /** Below the adapter's limit for routes that take credentials. */
  bodyLimitBytes?: number;
  /** Statuses besides success and 422 worth documenting. */
  errors?: number[];
  /** For the OpenAPI document only; the procedure's own output is what is sent. */
  response?: z.ZodType;
  /**
   * Calls the procedure. The input is assembled from the request and not yet validated, so it
   * is passed on as-is: the procedure's own schema is the one that judges it.
   */
  call(caller: Caller, input: unknown): Promise<unknown>;
  /** The legacy body, when it differs from the procedure's output. */
  present?(output: unknown): unknown;
};

export type DocumentRoute = {
  kind: "document";
  method: "GET";
  path: string;
  serve(): Response | Promise<Response>;
};

export type RestRoute = ProcedureRoute | DocumentRoute;

export type CompiledRoute = RestRoute & { pattern: RegExp; parameterNames: string[] };

export function compileRoute(route: RestRoute): CompiledRoute {
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
