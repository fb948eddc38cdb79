// The OpenAPI 3.1 document of the legacy REST contract, generated from the route table and the
// same zod schemas the procedures validate with.
import { z } from "zod";
import type { ProcedureRoute } from "./route-table.ts";
import { sourcesOf } from "./sources.ts";

type JsonObject = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: "input" | "output"): JsonObject => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
};

const validationErrorSchema = {
  type: "object",
  properties: {
    detail: {
      type: "array",
      items: {
        type: "object",
        properties: {
          loc: { type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } },
          msg: { type: "string" },
          type: { type: "string" },
        },
        required: ["loc", "msg", "type"],
      },
    },
  },
  required: ["detail"],
};

const errorDetailSchema = {
  type: "object",
  properties: { detail: { type: "string", description: "An error code, e.g. CLEANING_NOT_FOUND" } },
  required: ["detail"],
};

function operation(route: ProcedureRoute): JsonObject {
  const sources = sourcesOf(route.input);
  const parameters = sources.flatMap((source) =>
    source.from === "path" || source.from === "query"
      ? [
          {
            name: source.name,
            in: source.from,
            required: source.from === "path" || !source.schema.safeParse(undefined).success,
            schema: jsonSchema(source.schema, "input"),
          },
        ]
      : [],
  );
  const bodyFields = sources.flatMap((source) =>
    source.from === "json"
      ? [[source.key, source.schema] as const]
      : source.from === "form"
        ? [[source.name, source.schema] as const]
        : [],
  );
  const bodyType = sources.some((source) => source.from === "form")
    ? "application/x-www-form-urlencoded"
    : "application/json";
  const responses: JsonObject = {
    [route.status]: {
      description: "Success",
      ...(route.response
        ? { content: { "application/json": { schema: jsonSchema(route.response, "output") } } }
        : {}),
    },
  };
  for (const status of route.errors ?? []) {
    responses[status] = {
      description: "Refused",
      content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorDetail" } } },
    };
  }
  if (sources.length > 0) {
    responses[422] = {
      description: "Validation error",
      content: { "application/json": { schema: { $ref: "#/components/schemas/ValidationError" } } },
    };
  }
  return {
    summary: route.summary,
    tags: [route.tag],
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, "").replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())}`,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(bodyFields.length > 0
      ? {
          requestBody: {
            required: true,
            content: {
              [bodyType]: {
                schema: {
                  type: "object",
                  properties: Object.fromEntries(
                    bodyFields.map(([key, schema]) => [key, jsonSchema(schema, "input")]),
                  ),
                  required: bodyFields.map(([key]) => key),
                },
              },
            },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(routes: ProcedureRoute[], basePath: string): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const path = `${basePath}${route.path}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Phresh",
      version: "1.0.0",
      description: "The legacy HTTP contract of Phresh. The typed API is tRPC, at /api/trpc.",
    },
    paths,
    components: {
      schemas: { ValidationError: validationErrorSchema, ErrorDetail: errorDetailSchema },
    },
  };
}
