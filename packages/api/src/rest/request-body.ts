// Reads a request body within a size limit and parses it as the route expects, turning every
// malformed body into a 4xx.
import { ErrorCode } from "../error-codes.ts";
import { malformedJsonIssue } from "./validation-errors.ts";

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

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
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw new RequestRefusal(413, ErrorCode.REQUEST_TOO_LARGE);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      throw new RequestRefusal(413, ErrorCode.REQUEST_TOO_LARGE);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
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
