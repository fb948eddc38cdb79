// The client's address: the socket's peer, unless that peer is a configured reverse proxy, in
// which case X-Forwarded-For is read from the right, skipping trusted proxies. A forwarded header
// from anyone else is ignored, so a client cannot choose its own address (and rate-limit key).
import { isIP, isIPv4 } from "node:net";

const normalize = (address: string) =>
  address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string | undefined {
  if (!socketAddress) return undefined;
  const trusted = new Set(trustedProxies.map(normalize));
  let client = normalize(socketAddress);
  const hops = (forwardedFor ?? "")
    .split(",")
    .map(normalize)
    .filter((hop) => isIP(hop) !== 0);
  while (trusted.has(client) && hops.length > 0) {
    client = hops.pop() ?? client;
  }
  return client;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`): this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const unmapped = normalize(address);
  return unmapped === "::1" || (isIPv4(unmapped) && unmapped.startsWith("127."));
}
