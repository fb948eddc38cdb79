// Turning what the user typed into checked values, with the API's own zod schemas where it has
// one, so that a mistake is a usage error (exit 2) before anything is sent.
import { cleaningIdSchema } from "@phresh/api/schemas";
import { InvalidArgumentError } from "commander";
import type { z } from "zod";
import { describeIssues, type FieldLabels, usageError } from "./errors.ts";

/** The value, parsed by `schema`, or a usage error naming every field that is wrong. */
export function checked<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string,
  labels?: FieldLabels,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw usageError(`Invalid ${what}: ${describeIssues(result.error.issues, labels)}`);
  }
  return result.data;
}

/**
 * The server's base URL in one spelling (no trailing slash), since it also keys the stored
 * credentials: `http://localhost:3000/` and `http://localhost:3000` are the same server.
 */
export function parseServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`Not a server URL: "${value}" (expected e.g. http://localhost:3000).`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw usageError(`Not a server URL: "${value}" (only http and https are supported).`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw usageError(`Not a server URL: "${value}" (give it without query, fragment or user).`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** A commander argument parser: a cleaning id the API could have issued. */
export function parseCleaningId(value: string): number {
  const id = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!cleaningIdSchema.safeParse(id).success) {
    throw new InvalidArgumentError("A cleaning id is a positive whole number, e.g. 12.");
  }
  return id;
}

/** A commander option parser: the number only; its range and decimals are the schema's to check. */
export function parsePrice(value: string): number {
  const price = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(price)) throw new InvalidArgumentError("A price is a number, e.g. 49.50.");
  return price;
}

/**
 * The token of a verification or reset mail. People copy either the token or the whole link,
 * so both are accepted.
 */
export function tokenFromArgument(value: string): string {
  if (!/^https?:\/\//i.test(value)) return value.trim();
  const token = URL.canParse(value) ? new URL(value).searchParams.get("token") : null;
  if (!token) throw usageError(`This link carries no token: ${value}`);
  return token;
}

/** A commander parser: a whole number (a page size, a rating); its range is the schema's to check. */
export function parseWholeNumber(value: string): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError("A whole number, e.g. 5.");
  return Number(value);
}
