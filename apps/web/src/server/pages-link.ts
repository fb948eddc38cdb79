// What a serving process and its pages process (pages-process.ts, pages-server.ts) agree on: the
// socket's path and a secret, passed in the environment, and the request's context, passed in a
// header. The socket is in a directory of its own (mode 0700: this user's processes only). The
// serving process always sets the header itself, frames each request's body itself (so no
// client's bytes are read as a second request), and signs the header with the secret: a pages
// process refuses a context without it, so a client cannot forge its address or request id.
import { randomBytes } from "node:crypto";
import type http from "node:http";
import type { RequestContext } from "@phresh/api/http";

export const PAGES_SOCKET_VARIABLE = "PHRESH_PAGES_SOCKET";
export const PAGES_SECRET_VARIABLE = "PHRESH_PAGES_SECRET";

export const CONTEXT_HEADER = "x-phresh-request-context";
/** On a pages process's answer: whose session rendered it, for the request's log line. */
export const USER_HEADER = "x-phresh-user-id";

/** The header's JSON: the secret, and the context the serving process found. */
export type ForwardedContext = Pick<
  RequestContext,
  "requestId" | "peerAddress" | "clientAddress"
> & {
  secret: string;
};

/** How the private directory of a pages process's socket is named, in the system's temp dir. */
export const SOCKET_DIRECTORY_PREFIX = "phresh-pages-";

/** Where a pages process listens, and the secret its requests carry. */
export type PagesLink = { socketPath: string; secret: string };

export function newPagesSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The link this process was given in its environment (a cluster worker, a pages process). */
export function pagesLinkFromEnvironment(): PagesLink {
  const socketPath = process.env[PAGES_SOCKET_VARIABLE];
  const secret = process.env[PAGES_SECRET_VARIABLE];
  if (!socketPath || !secret)
    throw new Error(`${PAGES_SOCKET_VARIABLE} and ${PAGES_SECRET_VARIABLE} must be set`);
  return { socketPath, secret };
}

export function pagesLinkEnvironment(link: PagesLink): Record<string, string> {
  return { [PAGES_SOCKET_VARIABLE]: link.socketPath, [PAGES_SECRET_VARIABLE]: link.secret };
}

/**
 * Headers about one connection, not the request: never passed on (RFC 9110, section 7.6.1), nor
 * those the Connection header names. The body's framing is set again by `forwardedHeaders`.
 */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
];

/** `headers` without the hop-by-hop ones. */
export function endToEndHeaders<Headers extends http.IncomingHttpHeaders>(
  headers: Headers,
): Headers {
  const kept = { ...headers };
  const named = typeof headers.connection === "string" ? headers.connection.split(",") : [];
  for (const name of [...HOP_BY_HOP, ...named.map((name) => name.trim().toLowerCase())])
    delete kept[name];
  return kept;
}

/** Whether the request has a body: a length, or a transfer coding (node:http checked both). */
export function hasBody(request: http.IncomingMessage): boolean {
  return (
    request.headers["content-length"] !== undefined ||
    request.headers["transfer-encoding"] !== undefined
  );
}

/** The request's headers for the pages process: the client's, with the context the server found. */
export function forwardedHeaders(
  request: http.IncomingMessage,
  context: RequestContext,
  secret: string,
): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = endToEndHeaders(request.headers);
  // A body without a length goes on chunked; a request without a body goes without one. The
  // length is set again even when the client's Connection header named it: node:http sends a
  // GET's body without framing, so the pages process would read it as the next request.
  const length = request.headers["content-length"];
  if (request.headers["transfer-encoding"] !== undefined) {
    delete headers["content-length"];
    headers["transfer-encoding"] = "chunked";
  } else if (length !== undefined) headers["content-length"] = length;
  const forwarded: ForwardedContext = {
    secret,
    requestId: context.requestId,
    peerAddress: context.peerAddress,
    clientAddress: context.clientAddress,
  };
  headers[CONTEXT_HEADER] = JSON.stringify(forwarded);
  return headers;
}
