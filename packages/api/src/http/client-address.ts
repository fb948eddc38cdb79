// The client's address: the socket's peer, unless that peer is a configured reverse proxy, in
// which case X-Forwarded-For is read from the right, skipping trusted proxies. A forwarded header
// from anyone else is ignored, so a client cannot choose its own address (and rate-limit key).
import { isIP, isIPv4 } from "node:net";

const normalize = (address: string) =>
  address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

/**
 * A forwarded hop's address: bare, or with the port some proxies append (`203.0.113.5:4711`,
 * `[2001:db8::1]:4711`); undefined for anything else (`unknown`, an obfuscated name).
 */
function hopAddress(hop: string): string | undefined {
  const trimmed = hop.trim();
  const withPort =
    /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed) ?? /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(trimmed);
  const address = normalize(withPort?.[1] ?? trimmed);
  return isIP(address) !== 0 ? address : undefined;
}

export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string | undefined {
  if (!socketAddress) return undefined;
  const trusted = new Set(trustedProxies.map(normalize));
  let client = normalize(socketAddress);
  const hops = (forwardedFor ?? "").split(",");
  while (trusted.has(client) && hops.length > 0) {
    const hop = hopAddress(hops.pop() ?? "");
    // What a trusted proxy wrote is unreadable: what stands left of it, the client wrote.
    if (hop === undefined) break;
    client = hop;
  }
  return client;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`): this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const unmapped = normalize(address);
  return unmapped === "::1" || (isIPv4(unmapped) && unmapped.startsWith("127."));
}
