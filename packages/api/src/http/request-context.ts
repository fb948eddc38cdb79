// What the HTTP server knows about the request being handled (its id, the client's address) and
// what the API learns (the user), carried through async calls. The one store lives on
// globalThis: the server and Next's separately bundled routes must share it.
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = {
  requestId: string;
  /** The socket's peer: the machine that connected, whatever headers say. */
  peerAddress: string | undefined;
  /** The client: the peer, or what trusted proxies forwarded (client-address.ts). */
  clientAddress: string | undefined;
  userId?: string;
  /** Set when handling it failed because the database could not be reached (database-outage.ts). */
  databaseUnavailable?: boolean;
};

const holder = globalThis as typeof globalThis & {
  phreshRequestContext?: AsyncLocalStorage<RequestContext>;
};
holder.phreshRequestContext ??= new AsyncLocalStorage<RequestContext>();
const storage = holder.phreshRequestContext;

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** Undefined outside a request served by Phresh's own server (e.g. a bare `next start`). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
