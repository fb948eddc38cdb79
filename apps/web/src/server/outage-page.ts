// During a database outage a page answers like the API: 503 with Retry-After and a short page
// saying to try again, instead of Next's 500 page. Next's error hook (instrumentation.ts) marks
// the request when rendering failed because the database could not be reached; this wrapper
// watches the moment Next sends its 5xx head and sends the 503 instead. Nothing is cached, so
// the next request renders normally as soon as the database is back.
import type http from "node:http";
import type { RequestContext } from "@phresh/api/http";

const RETRY_AFTER_SECONDS = 5;

const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Briefly unavailable · Phresh</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Phresh is briefly unavailable</h1>
<p>We cannot reach our database just now. Please try again in a moment: reload this page.</p>
</body>
</html>
`;

/**
 * Wraps `response` so that a 5xx from Next.js for a request marked `databaseUnavailable` goes
 * out as the 503 page. Headers other than `keptHeaders` (the server's own: request id,
 * security headers) are dropped with Next's answer.
 */
export function answerOutagesWith503(
  response: http.ServerResponse,
  context: RequestContext,
  keptHeaders: readonly string[],
): void {
  // Next's own calls pass on unchanged; the overloads are not worth restating here.
  type Passthrough<Result> = (this: http.ServerResponse, ...args: unknown[]) => Result;
  const writeHead = response.writeHead as Passthrough<http.ServerResponse>;
  const write = response.write as Passthrough<boolean>;
  const end = response.end as Passthrough<http.ServerResponse>;
  const kept = new Set(keptHeaders.map((name) => name.toLowerCase()));
  let replaced = false;

  /** True when the 503 has been (or is now) sent in place of Next's answer. */
  function replacedByOutagePage(statusCode: number): boolean {
    if (replaced) return true;
    if (response.headersSent || statusCode < 500 || !context.databaseUnavailable) return false;
    replaced = true;
    for (const name of response.getHeaderNames()) if (!kept.has(name)) response.removeHeader(name);
    writeHead.call(response, 503, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": Buffer.byteLength(UNAVAILABLE_PAGE),
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    });
    end.call(response, UNAVAILABLE_PAGE);
    return true;
  }
  /** Next's writes after the replacement are dropped, but their callbacks still run. */
  function callBack(args: unknown[]): void {
    const callback = args.find((argument) => typeof argument === "function");
    if (callback) process.nextTick(callback as () => void);
  }

  response.writeHead = function (
    this: http.ServerResponse,
    statusCode: number,
    ...rest: unknown[]
  ) {
    if (replacedByOutagePage(statusCode)) return this;
    return writeHead.call(this, statusCode, ...rest);
  } as typeof response.writeHead;
  response.write = function (this: http.ServerResponse, ...args: unknown[]) {
    if (!replacedByOutagePage(this.statusCode)) return write.apply(this, args);
    callBack(args);
    return true;
  } as typeof response.write;
  response.end = function (this: http.ServerResponse, ...args: unknown[]) {
    if (!replacedByOutagePage(this.statusCode)) return end.apply(this, args);
    callBack(args);
    return this;
  } as typeof response.end;
}
