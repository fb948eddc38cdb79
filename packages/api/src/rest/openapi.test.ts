import { describe, expect, it } from "vitest";
import { procedureRoutes } from "./handler.ts";
import { buildOpenApiDocument } from "./openapi.ts";

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
const document = buildOpenApiDocument(procedureRoutes, "/api") as {
  paths: Record<string, Record<string, Operation>>;
};
const responses = (path: string, method: string) =>
  document.paths[`/api${path}`]?.[method]?.responses ?? {};
const schemaOf = (path: string, method: string, status: number) =>
  JSON.stringify(responses(path, method)[status]?.content?.["application/json"]?.schema);

describe("the OpenAPI document", () => {
  it("gives a password-policy refusal on update as 400 with fastapi-users' {code, reason}", () => {
    for (const path of ["/users/me", "/users/{id}"]) {
      const refused = schemaOf(path, "patch", 400);
      expect(refused).toContain("UPDATE_USER_INVALID_PASSWORD");
      expect(refused).toContain('"reason"');
      expect(schemaOf(path, "patch", 422)).toContain('"loc"');
    }
  });

  it("names each refusal's error codes under its status", () => {
    expect(schemaOf("/cleanings/{id}", "get", 404)).toContain("CLEANING_NOT_FOUND");
    expect(schemaOf("/cleanings/{id}", "delete", 403)).toContain("CLEANING_NOT_OWNER");
    expect(schemaOf("/cleanings/{id}", "delete", 403)).toContain("CROSS_ORIGIN_REQUEST");
    expect(schemaOf("/token", "post", 429)).toContain("TOO_MANY_REQUESTS");
    expect(Object.keys(responses("/cleanings", "get"))).toEqual(
      expect.arrayContaining(["200", "401", "403", "503"]),
    );
  });

  it("documents no body limit or media type for routes without a body", () => {
    expect(Object.keys(responses("/cleanings", "get"))).not.toContain("413");
    expect(Object.keys(responses("/cleanings", "post"))).toEqual(
      expect.arrayContaining(["413", "415", "422"]),
    );
  });
});
