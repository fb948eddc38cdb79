// Where each part of a procedure's input comes from in a legacy HTTP request, and where a
// validation issue on that part points back to (FastAPI's `loc`).
import type { z } from "zod";

export type InputSource =
  | { from: "path"; name: string; schema: z.ZodType }
  /** `key` undefined: the whole body. */
  | { from: "json"; key: string | undefined; schema: z.ZodType }
  | { from: "form"; name: string; schema: z.ZodType }
  | { from: "query"; name: string; schema: z.ZodType };

/** One source for the whole input, or one per top-level input field. */
export type InputSpec = InputSource | { [field: string]: InputSource };

export const pathParameter = (name: string, schema: z.ZodType): InputSource => ({
  from: "path",
  name,
  schema,
});
/** The value under `key` of the JSON body, as in FastAPI's `Body(..., embed=True)`. */
export const jsonBodyField = (key: string, schema: z.ZodType): InputSource => ({
  from: "json",
  key,
  schema,
});
/** The whole JSON body, as in a FastAPI route taking one model. */
export const jsonBody = (schema: z.ZodType): InputSource => ({
  from: "json",
  key: undefined,
  schema,
});
/** A query-string parameter (`?limit=10`); absent means undefined, so the schema's default applies. */
export const queryParameter = (name: string, schema: z.ZodType): InputSource => ({
  from: "query",
  name,
  schema,
});
export const formField = (name: string, schema: z.ZodType): InputSource => ({
  from: "form",
  name,
  schema,
});

export function isSource(spec: InputSpec): spec is InputSource {
  return typeof (spec as InputSource).from === "string";
}

export function sourcesOf(spec: InputSpec | undefined): InputSource[] {
  if (!spec) return [];
  return isSource(spec) ? [spec] : Object.values(spec);
}

export type RequestParts = {
  path: Record<string, string>;
  query: URLSearchParams;
  json: unknown;
  form: URLSearchParams | undefined;
};

/**
 * Path and query values are text. Where the source's schema refuses the text, whole numbers
 * become numbers, so the procedure's schema judges them (`/cleanings/5`), while text it takes
 * stays text (a user named `2024`).
 */
function urlValue(source: InputSource, raw: string | undefined): string | number | undefined {
  if (raw === undefined || source.schema.safeParse(raw).success) return raw;
  return /^-?\d{1,15}(\.\d{1,15})?$/.test(raw) ? Number(raw) : raw;
}

function read(source: InputSource, parts: RequestParts): unknown {
  switch (source.from) {
    case "path":
      return urlValue(source, parts.path[source.name]);
    case "query":
      // The last of repeated parameters wins, as in Starlette; an empty one is judged as "".
      return urlValue(source, parts.query.getAll(source.name).at(-1));
    case "json":
      if (source.key === undefined) return parts.json;
      return isRecord(parts.json) ? parts.json[source.key] : undefined;
    case "form":
      return parts.form?.get(source.name) ?? undefined;
  }
}

export function assembleInput(spec: InputSpec | undefined, parts: RequestParts): unknown {
  if (!spec) return undefined;
  if (isSource(spec)) return read(spec, parts);
  return Object.fromEntries(
    Object.entries(spec).map(([field, source]) => [field, read(source, parts)]),
  );
}

function locationOf(source: InputSource): string[] {
  switch (source.from) {
    case "path":
      return ["path", source.name];
    case "query":
      return ["query", source.name];
    case "json":
      return source.key === undefined ? ["body"] : ["body", source.key];
    case "form":
      return ["body", source.name];
  }
}

/** FastAPI's `loc` for a validation issue at `issuePath` of the assembled input. */
export function locate(
  spec: InputSpec | undefined,
  issuePath: readonly PropertyKey[],
): (string | number)[] {
  const path = issuePath.map((key) => (typeof key === "number" ? key : String(key)));
  if (!spec) return ["body", ...path];
  if (isSource(spec)) return [...locationOf(spec), ...path];
  const [field, ...rest] = path;
  const source = field === undefined ? undefined : spec[String(field)];
  return source ? [...locationOf(source), ...rest] : ["body", ...path];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
