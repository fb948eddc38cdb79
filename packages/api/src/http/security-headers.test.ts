import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers.ts";

function directive(policy: string, name: string) {
  return policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([first]) => first === name)
    ?.slice(1);
}

describe("the content security policy", () => {
  const policy =
    securityHeaders({ https: true, scriptNonce: "n0nce" })["Content-Security-Policy"] ?? "";

  it("lets profile pictures hosted on other sites show", () => {
    expect(directive(policy, "img-src")).toEqual(["'self'", "data:", "https:", "http:"]);
  });

  it("still runs only this site's scripts that carry the page's nonce", () => {
    expect(directive(policy, "script-src")).toEqual([
      "'self'",
      "'nonce-n0nce'",
      "'strict-dynamic'",
    ]);
    expect(directive(policy, "object-src")).toEqual(["'none'"]);
    expect(directive(policy, "connect-src")).toEqual(["'self'"]);
  });
});
