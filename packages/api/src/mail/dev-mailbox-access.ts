// Who may read the development mailbox, which hands out every verification and reset link. By
// default only this machine: both the socket's peer and the client (after trusted proxies) must
// be loopback, so neither a header nor a proxy on this machine forwarding others lets anyone
// else in. Outside Phresh's own server (`next dev`) the socket is not visible: closed then.
import type { PhreshConfig } from "@phresh/config";
import { isLoopbackAddress } from "../http/client-address.ts";
import type { RequestContext } from "../http/request-context.ts";

export function devMailboxServes(
  config: Pick<PhreshConfig, "devMailbox">,
  request: Pick<RequestContext, "peerAddress" | "clientAddress"> | undefined,
): boolean {
  switch (config.devMailbox) {
    case "open":
      return true;
    case "off":
      return false;
    case "loopback-only":
      return (
        request !== undefined &&
        isLoopbackAddress(request.peerAddress) &&
        isLoopbackAddress(request.clientAddress)
      );
  }
}
