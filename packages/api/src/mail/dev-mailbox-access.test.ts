import { describe, expect, it } from "vitest";
import { devMailboxServes } from "./dev-mailbox-access.ts";

const from = (peerAddress: string | undefined, clientAddress = peerAddress) => ({
  peerAddress,
  clientAddress,
});

describe("who the development mailbox serves", () => {
  it("by default serves only this machine's loopback clients, over IPv4, IPv6 and mapped IPv4", () => {
    const config = { devMailbox: "loopback-only" } as const;
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
      expect(devMailboxServes(config, from(address))).toBe(true);
    for (const address of ["192.0.2.2", "::ffff:192.0.2.2", "fd00::2", "0.0.0.0", "::", undefined])
      expect(devMailboxServes(config, from(address))).toBe(false);
  });

  it("goes by the socket's peer, not by what a client or a proxy on this machine forwards", () => {
    const config = { devMailbox: "loopback-only" } as const;
    // A remote peer claiming (through a trusted proxy's header) to be 127.0.0.1.
    expect(devMailboxServes(config, from("192.0.2.2", "127.0.0.1"))).toBe(false);
    // A proxy on this machine forwarding someone else.
    expect(devMailboxServes(config, from("127.0.0.1", "198.51.100.7"))).toBe(false);
  });

  it("is closed where the socket is not visible (next dev), unless opened, and never when off", () => {
    expect(devMailboxServes({ devMailbox: "loopback-only" }, undefined)).toBe(false);
    expect(devMailboxServes({ devMailbox: "open" }, undefined)).toBe(true);
    expect(devMailboxServes({ devMailbox: "open" }, from("192.0.2.2"))).toBe(true);
    expect(devMailboxServes({ devMailbox: "off" }, from("127.0.0.1"))).toBe(false);
  });
});
