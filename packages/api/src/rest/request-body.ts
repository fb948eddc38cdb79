// Reads a request body within a size limit and parses it as the route expects, turning every
// malformed body into a 4xx.
import { ErrorCode } from "../error-codes.ts";
import { BodyTooLargeError, readBodyBytes } from "../http/body-limit.ts";
import { malformedJsonIssue } from "./validation-errors.ts";

/** A refusal before any procedure runs: status plus the legacy `detail`. */
export class RequestRefusal extends Error {
  constructor(
    readonly status: number,
    readonly detail: unknown,
  ) {
    super(typeof detail === "string" ? detail : "request refused");
  }
}

async function readText(request: Request, limitBytes: number): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readBodyBytes(request, limitBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new RequestRefusal(413, ErrorCode.REQUEST_TOO_LARGE);
    throw error;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RequestRefusal(422, [malformedJsonIssue()]);
  }
}

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The parsed JSON body; undefined when there is none (the procedure then reports what is missing). */
export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  const text = await readText(request, limitBytes);
  if (text.trim() === "") return undefined;
  const type = mediaType(request);
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new RequestRefusal(415, `${ErrorCode.UNSUPPORTED_MEDIA_TYPE}: send application/json`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestRefusal(422, [malformedJsonIssue()]);
  }
}

export async function readFormBody(request: Request, limitBytes: number): Promise<URLSearchParams> {
  const text = await readText(request, limitBytes);
  if (text !== "" && mediaType(request) !== "application/x-www-form-urlencoded") {
    throw new RequestRefusal(
      415,
      `${ErrorCode.UNSUPPORTED_MEDIA_TYPE}: send application/x-www-form-urlencoded`,
    );
  }
  return new URLSearchParams(text);
}
