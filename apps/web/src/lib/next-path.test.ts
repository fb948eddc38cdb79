import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_LOGIN, safeNextPath } from "./next-path.ts";

const controls = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).concat(
  "\u007f",
);
const hex = (character: string) => character.charCodeAt(0).toString(16).padStart(2, "0");

/** Where a browser on the app's origin would go when told `Location: <path>`. */
const followed = (path: string) => new URL(path, "https://phresh.example");

describe("the page log-in sends a person to afterwards (?next=)", () => {
  it("keeps paths of this site, with their query and fragment", () => {
    expect(safeNextPath("/account")).toBe("/account");
    expect(safeNextPath("/cleanings/5/edit?from=list#price")).toBe(
      "/cleanings/5/edit?from=list#price",
    );
    // Percent-escapes stay escapes: a path, never a host.
    expect(safeNextPath("/%2F/evil.example")).toBe("/%2F/evil.example");
    expect(safeNextPath("/%09/evil.example")).toBe("/%09/evil.example");
    expect(safeNextPath("/%5C/evil.example")).toBe("/%5C/evil.example");
    expect(safeNextPath("/a b")).toBe("/a%20b");
  });

  it.each(controls.map((character) => [hex(character), character]))(
    "refuses the control character U+00%s anywhere in the path",
    (_, character) => {
      for (const next of [
        `/${character}/evil.example`,
        `/${character}evil.example`,
        `${character}//evil.example`,
        `//${character}evil.example`,
        `/cleanings${character}`,
      ])
        expect(safeNextPath(next)).toBe(DEFAULT_AFTER_LOGIN);
    },
  );

  it("refuses backslashes, which browsers read as slashes, in every position", () => {
    for (const next of [
      "\\",
      "/\\evil.example",
      "/\\/evil.example",
      "\\/evil.example",
      "\\\\evil.example",
      "//\\evil.example",
      "/cleanings\\..\\..\\evil",
    ])
      expect(safeNextPath(next)).toBe(DEFAULT_AFTER_LOGIN);
  });

  it("refuses other sites, schemes and anything that is not a path", () => {
    for (const next of [
      "//evil.example",
      "///evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
      undefined,
      null,
      ["/account", "//evil.example"],
    ])
      expect(safeNextPath(next)).toBe(DEFAULT_AFTER_LOGIN);
  });

  it("never yields a path a browser would follow off the site", () => {
    const tricky = [
      ...controls.flatMap((c) => [`/${c}/evil.example`, `/${c}${c}evil.example`]),
      "/\\evil.example",
      "//evil.example",
      "/%2F%2Fevil.example",
      "/.//evil.example",
      "/..//evil.example",
      "/./\\evil.example",
      "/@evil.example",
      "/:@evil.example",
    ];
    for (const next of tricky) {
      const path = safeNextPath(next);
      expect(followed(path).origin).toBe("https://phresh.example");
      expect(path.startsWith("//")).toBe(false);
      expect([...path].every((c) => c >= " " && c !== "\u007f" && c !== "\\")).toBe(true);
    }
  });
});
