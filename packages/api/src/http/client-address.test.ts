import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address.ts";

describe("clientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddress("203.0.113.7", "198.51.100.1", [])).toBe("203.0.113.7");
    expect(clientAddress("::ffff:203.0.113.7", undefined, [])).toBe("203.0.113.7");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddress("203.0.113.7", "198.51.100.1", ["10.0.0.1"])).toBe("203.0.113.7");
  });

  it("reads X-Forwarded-For from the right behind trusted proxies, skipping them", () => {
    expect(
      clientAddress("10.0.0.1", "198.51.100.9, 203.0.113.50, 10.0.0.2", ["10.0.0.1", "10.0.0.2"]),
    ).toBe("203.0.113.50");
  });

  it("never reaches entries left of the client's", () => {
    expect(clientAddress("10.0.0.1", "evil, 203.0.113.50", ["10.0.0.1"])).toBe("203.0.113.50");
  });

  it("reads a hop with the port a proxy appended to it", () => {
    expect(clientAddress("10.0.0.1", "198.51.100.1, 203.0.113.50:4711", ["10.0.0.1"])).toBe(
      "203.0.113.50",
    );
    expect(clientAddress("10.0.0.1", "198.51.100.1, [2001:db8::7]:4711", ["10.0.0.1"])).toBe(
      "2001:db8::7",
    );
  });

  it("stops at a hop a trusted proxy wrote that is no address, trusting nothing left of it", () => {
    // Were "unknown" skipped, the client's own 198.51.100.1 would become its address.
    expect(clientAddress("10.0.0.1", "198.51.100.1, unknown", ["10.0.0.1"])).toBe("10.0.0.1");
    expect(clientAddress("10.0.0.1", "", ["10.0.0.1"])).toBe("10.0.0.1");
  });
});
