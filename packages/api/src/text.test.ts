// A NUL character in any text field is refused as a validation error on that field, on REST (422)
// and tRPC alike, instead of reaching PostgreSQL, whose text types refuse it (a 500 before).
import { testDatabaseKind } from "@phresh/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount, serveDuringTests } from "./testing.ts";
import { NUL_CHARACTER_MESSAGE } from "./text.ts";

const served = serveDuringTests();
let token: string;
let password: string;
let cleaningId: number;

beforeAll(async () => {
  const account = await createAccount(served.services);
  token = account.token;
  password = account.password;
  const created = await account.caller.cleanings.create({ name: "Attic", price: 10 });
  cleaningId = created.id;
});

const nul = "Attic\u0000";

function send(method: string, path: string, body: unknown, form = false) {
  return fetch(`${served.server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json",
    },
    body: form ? new URLSearchParams(body as Record<string, string>) : JSON.stringify(body),
  });
}

describe(`NUL characters in text fields on ${testDatabaseKind}`, () => {
  const restCases: [string, string, () => unknown, (string | number)[], boolean?][] = [
    [
      "POST",
      "/api/cleanings",
      () => ({ new_cleaning: { name: nul, price: 1 } }),
      ["new_cleaning", "name"],
    ],
    [
      "POST",
      "/api/cleanings",
      () => ({ new_cleaning: { name: "Attic", description: nul, price: 1 } }),
      ["new_cleaning", "description"],
    ],
    [
      "PUT",
      "/api/cleanings/{id}",
      () => ({ update_cleaning: { name: nul } }),
      ["update_cleaning", "name"],
    ],
    [
      "PATCH",
      "/api/cleanings/{id}",
      () => ({ update_cleaning: { description: nul } }),
      ["update_cleaning", "description"],
    ],
    [
      "POST",
      "/api/users",
      () => ({
        new_user: { email: "a@example.com", name: "nul\u0000name", password: "Long-enough-1" },
      }),
      ["new_user", "name"],
    ],
    [
      "POST",
      "/api/users",
      () => ({
        new_user: { email: "a\u0000@example.com", name: "nulname", password: "Long-enough-1" },
      }),
      ["new_user", "email"],
    ],
    [
      "POST",
      "/api/users",
      () => ({
        new_user: { email: "a@example.com", name: "nulname", password: "Long-\u0000enough-1" },
      }),
      ["new_user", "password"],
    ],
    [
      "POST",
      "/api/token",
      () => ({ username: "a@example.com", password: "pass\u0000" }),
      ["password"],
      true,
    ],
    ["POST", "/api/users/verify", () => ({ token: "abc\u0000" }), ["token"]],
    [
      "POST",
      "/api/users/reset-password",
      () => ({ token: "abc\u0000", password: "Long-enough-1" }),
      ["token"],
    ],
    ["POST", "/api/users/forgot-password", () => ({ email: "a\u0000@example.com" }), ["email"]],
    [
      "PATCH",
      "/api/users/me",
      () => ({ name: "new\u0000name", current_password: password }),
      ["name"],
    ],
    [
      "PATCH",
      "/api/users/me",
      () => ({ current_password: `${password}\u0000` }),
      ["current_password"],
    ],
    [
      "PUT",
      "/api/profiles/me",
      () => ({ profile_update: { full_name: nul } }),
      ["profile_update", "full_name"],
    ],
    [
      "PATCH",
      "/api/profiles/me",
      () => ({ profile_update: { bio: nul } }),
      ["profile_update", "bio"],
    ],
    [
      "PATCH",
      "/api/profiles/me",
      () => ({ profile_update: { phone_number: nul } }),
      ["profile_update", "phone_number"],
    ],
    [
      "POST",
      "/api/users/someone/evaluations/1",
      () => ({ evaluation_create: { overall_rating: 5, headline: nul } }),
      ["evaluation_create", "headline"],
    ],
    [
      "POST",
      "/api/users/someone/evaluations/1",
      () => ({ evaluation_create: { overall_rating: 5, comment: nul } }),
      ["evaluation_create", "comment"],
    ],
  ];

  it.each(restCases)(
    "REST %s %s refuses NUL with 422 on the field (%#)",
    async (method, path, body, field, form) => {
      const response = await send(method, path.replace("{id}", String(cleaningId)), body(), form);
      expect(response.status).toBe(422);
      const { detail } = (await response.json()) as { detail: { loc: unknown[]; msg: string }[] };
      expect(detail).toContainEqual(
        expect.objectContaining({
          loc: ["body", ...field],
          msg: NUL_CHARACTER_MESSAGE,
        }),
      );
    },
  );

  const trpcCases: [string, () => unknown, string[]][] = [
    ["cleanings.create", () => ({ name: nul, price: 1 }), ["name"]],
    ["cleanings.create", () => ({ name: "Attic", description: nul, price: 1 }), ["description"]],
    [
      "cleanings.update",
      () => ({ id: cleaningId, patch: { description: nul } }),
      ["patch", "description"],
    ],
    [
      "users.register",
      () => ({ email: "a@example.com", name: "nul\u0000name", password: "Long-enough-1" }),
      ["name"],
    ],
    ["auth.login", () => ({ email: "a@example.com", password: "pass\u0000" }), ["password"]],
    ["auth.verify", () => ({ token: "abc\u0000" }), ["token"]],
    ["users.updateMe", () => ({ name: "new\u0000name", current_password: password }), ["name"]],
    ["profiles.updateMe", () => ({ bio: nul }), ["bio"]],
  ];

  it.each(trpcCases)(
    "tRPC %s refuses NUL as a validation error on the field (%#)",
    async (procedure, input, field) => {
      const response = await send("POST", `/api/trpc/${procedure}`, input());
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as {
        error: { data: { errorCode: string; issues: { path: string[]; message: string }[] } };
      };
      expect(error.data.errorCode).toBe("VALIDATION_ERROR");
      expect(error.data.issues).toContainEqual({ path: field, message: NUL_CHARACTER_MESSAGE });
    },
  );

  it("refuses NUL in the job search's query string with 422 on the parameter", async () => {
    const response = await fetch(`${served.server.url}/api/jobs?q=oven%00`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(422);
    const { detail } = (await response.json()) as { detail: { loc: unknown[]; msg: string }[] };
    expect(detail).toContainEqual(
      expect.objectContaining({ loc: ["query", "q"], msg: NUL_CHARACTER_MESSAGE }),
    );
  });

  it("stores text that merely looks like an escape, and nothing of the refused writes", async () => {
    const response = await send("POST", "/api/cleanings", {
      new_cleaning: { name: "Attic \\u0000", description: "a\\0b", price: 1 },
    });
    expect(response.status).toBe(201);
    const listed = (await (
      await fetch(`${served.server.url}/api/cleanings`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as { name: string }[];
    expect(listed.map((cleaning) => cleaning.name).sort()).toEqual(["Attic", "Attic \\u0000"]);
  });
});
