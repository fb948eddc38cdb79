import { describe, expect, it } from "vitest";
import { readEnvironment } from "./environment.ts";

describe("readEnvironment", () => {
  it("keeps credentials under $XDG_CONFIG_HOME/phresh", () => {
    const environment = readEnvironment({ HOME: "/home/ann", XDG_CONFIG_HOME: "/cfg" });
    expect(environment.configDirectory).toBe("/cfg/phresh");
  });

  it("falls back to ~/.config/phresh, also when XDG_CONFIG_HOME is relative (the spec says ignore it)", () => {
    expect(readEnvironment({ HOME: "/home/ann" }).configDirectory).toBe("/home/ann/.config/phresh");
    expect(readEnvironment({ HOME: "/home/ann", XDG_CONFIG_HOME: "cfg" }).configDirectory).toBe(
      "/home/ann/.config/phresh",
    );
  });

  it("reads the server and the password, treating empty values as unset", () => {
    expect(
      readEnvironment({ HOME: "/h", PHRESH_URL: "http://phresh.test", PHRESH_PASSWORD: "pw" }),
    ).toMatchObject({ serverUrl: "http://phresh.test", password: "pw" });
    expect(readEnvironment({ HOME: "/h", PHRESH_URL: "", PHRESH_PASSWORD: "" })).toMatchObject({
      serverUrl: undefined,
      password: undefined,
    });
  });
});
