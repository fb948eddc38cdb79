// What a serving process and its pages process (pages-process.ts, pages-server.ts) agree on: the
// socket's path, passed in the environment, and the request's context, passed in a header. Only
// the serving process can reach that socket (a directory of its own, mode 0700), and it always
// sets the header itself, so a client cannot forge its address or request id through it.
import type http from "node:http";
import type { RequestContext } from "@phresh/api/http";

export const PAGES_SOCKET_VARIABLE = "PHRESH_PAGES_SOCKET";

const CONTEXT_HEADER = "x-phresh-request-context";

/** Headers about one connection, not the request: never passed on (RFC 9110, section 7.6.1). */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
];

/** `headers` without the hop-by-hop ones. */
export function endToEndHeaders<Headers extends http.IncomingHttpHeaders>(
  headers: Headers,
): Headers {
  const kept = { ...headers };
  for (const name of HOP_BY_HOP) delete kept[name];
  return kept;
}

type ForwardedContext = Pick<RequestContext, "requestId" | "peerAddress" | "clientAddress">;

/** The request's headers for the pages process: the client's, with the context the server found. */
export function headersWithContext(
  request: http.IncomingMessage,
  context: RequestContext,
): http.OutgoingHttpHeaders {
  const forwarded: ForwardedContext = {
    requestId: context.requestId,
    peerAddress: context.peerAddress,
    clientAddress: context.clientAddress,
  };
  return { ...endToEndHeaders(request.headers), [CONTEXT_HEADER]: JSON.stringify(forwarded) };
}

/** In the pages process: the context the serving process sent, taken off the request. */
export function takeContext(request: http.IncomingMessage): RequestContext {
  const header = request.headers[CONTEXT_HEADER];
  delete request.headers[CONTEXT_HEADER];
  if (typeof header !== "string") throw new Error("a page request came without its context");
  const { requestId, peerAddress, clientAddress } = JSON.parse(header) as ForwardedContext;
  return { requestId, peerAddress, clientAddress };
}
