// The legacy cleanings contract over real HTTP.
import { testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAccount,
  openTestServices,
  startTestServer,
  type TestServer,
  type TestServices,
} from "../testing.ts";

let services: TestServices;
let server: TestServer;
let authorization: Record<string, string>;

beforeAll(async () => {
  services = await openTestServices();
  server = await startTestServer(services);
  authorization = { Authorization: `Bearer ${(await createAccount(services)).token}` };
});
afterAll(async () => {
  await server.close();
  await services.close();
});

/** Sends as the test account unless `headers` says otherwise. */
function send(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
) {
  const headers = { ...authorization, ...extraHeaders };
  return fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function createCleaning(fields: Record<string, unknown> = {}) {
  const response = await send("POST", "/api/cleanings", {
    new_cleaning: { name: "Bathroom", price: 42.5, cleaning_type: "full_clean", ...fields },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: number; name: string; price: number };
}

describe(`REST cleanings contract on ${testDatabaseKind}`, () => {
  it("creates a cleaning from {new_cleaning: …} with 201 and snake_case fields", async () => {
    const response = await send("POST", "/api/cleanings", {
      new_cleaning: {
        name: "Bathroom",
        description: "tiles",
        price: 42.5,
        cleaning_type: "full_clean",
      },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({
      id: expect.any(Number),
      name: "Bathroom",
      description: "tiles",
      price: 42.5,
      cleaning_type: "full_clean",
      created_at: expect.any(String),
      updated_at: expect.any(String),
      owner_id: expect.any(String),
    });
  });

  it.each([
    ["GET", "/api/cleanings"],
    ["POST", "/api/cleanings"],
    ["GET", "/api/cleanings/1"],
    ["PATCH", "/api/cleanings/1"],
    ["DELETE", "/api/cleanings/1"],
  ])(
    "answers %s %s without a token with 401 and WWW-Authenticate: Bearer",
    async (method, path) => {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect(await response.json()).toEqual({ detail: "UNAUTHORIZED" });
    },
  );

  it("answers 403 when someone else changes or deletes a cleaning", async () => {
    const created = await createCleaning();
    const stranger = { Authorization: `Bearer ${(await createAccount(services)).token}` };
    const update = await send(
      "PATCH",
      `/api/cleanings/${created.id}`,
      { update_cleaning: { price: 1 } },
      stranger,
    );
    expect(update.status).toBe(403);
    expect(await update.json()).toEqual({ detail: "CLEANING_NOT_OWNER" });
    expect((await send("DELETE", `/api/cleanings/${created.id}`, undefined, stranger)).status).toBe(
      403,
    );
  });

  it("lists cleanings with 200", async () => {
    const created = await createCleaning({ name: "Listed" });
    const response = await send("GET", "/api/cleanings");
    expect(response.status).toBe(200);
    const list = (await response.json()) as { id: number }[];
    expect(list.map((cleaning) => cleaning.id)).toContain(created.id);
  });

  it("gets one cleaning with 200, and 404 with a detail when it is absent", async () => {
    const created = await createCleaning();
    const found = await send("GET", `/api/cleanings/${created.id}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ id: created.id, name: "Bathroom", price: 42.5 });
    const missing = await send("GET", "/api/cleanings/999999");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: "CLEANING_NOT_FOUND" });
  });

  it.each(["abc", "0", "-1", "1.5", "99999999999"])(
    "answers 422 on the path for id %s",
    async (id) => {
      const response = await send("GET", `/api/cleanings/${id}`);
      expect(response.status).toBe(422);
      const body = (await response.json()) as {
        detail: { loc: unknown[]; msg: string; type: string }[];
      };
      expect(body.detail).toHaveLength(1);
      expect(body.detail[0]?.loc).toEqual(["path", "id"]);
      expect(body.detail[0]?.msg).toEqual(expect.any(String));
      expect(body.detail[0]?.type).toEqual(expect.any(String));
    },
  );

  it.each(["PUT", "PATCH"])(
    "updates with %s {update_cleaning: …} with 200, 404 and 422",
    async (method) => {
      const created = await createCleaning();
      const updated = await send(method, `/api/cleanings/${created.id}`, {
        update_cleaning: { price: 50 },
      });
      expect(updated.status).toBe(200);
      expect(await updated.json()).toMatchObject({ id: created.id, name: "Bathroom", price: 50 });

      const missing = await send(method, "/api/cleanings/999999", {
        update_cleaning: { price: 50 },
      });
      expect(missing.status).toBe(404);

      const invalid = await send(method, `/api/cleanings/${created.id}`, {
        update_cleaning: { price: -5 },
      });
      expect(invalid.status).toBe(422);
      expect(await invalid.json()).toEqual({
        detail: [
          {
            loc: ["body", "update_cleaning", "price"],
            msg: expect.any(String),
            type: "greater_than_equal",
          },
        ],
      });
    },
  );

  it("deletes with 200 and the deleted id, then 404", async () => {
    const created = await createCleaning();
    const deleted = await send("DELETE", `/api/cleanings/${created.id}`);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toBe(created.id);
    expect((await send("DELETE", `/api/cleanings/${created.id}`)).status).toBe(404);
    expect((await send("GET", `/api/cleanings/${created.id}`)).status).toBe(404);
  });

  it("reports invalid fields in FastAPI's 422 shape, located in the body", async () => {
    const response = await send("POST", "/api/cleanings", {
      new_cleaning: { name: "", price: 1.234, cleaning_type: "deep" },
    });
    expect(response.status).toBe(422);
    const { detail } = (await response.json()) as { detail: { loc: unknown[]; type: string }[] };
    expect(detail.map((issue) => issue.loc)).toEqual([
      ["body", "new_cleaning", "name"],
      ["body", "new_cleaning", "price"],
      ["body", "new_cleaning", "cleaning_type"],
    ]);
    expect(detail.map((issue) => issue.type)).toEqual(["string_too_short", "value_error", "enum"]);
  });

  it("reports a missing wrapper or field as 'Field required'", async () => {
    const noWrapper = await send("POST", "/api/cleanings", { name: "x", price: 1 });
    expect(noWrapper.status).toBe(422);
    expect(await noWrapper.json()).toEqual({
      detail: [{ loc: ["body", "new_cleaning"], msg: "Field required", type: "missing" }],
    });
    const noPrice = await send("POST", "/api/cleanings", { new_cleaning: { name: "x" } });
    expect(await noPrice.json()).toEqual({
      detail: [{ loc: ["body", "new_cleaning", "price"], msg: "Field required", type: "missing" }],
    });
  });

  it("answers OPTIONS with 204, no body, and the methods from the route table", async () => {
    const collection = await send("OPTIONS", "/api/cleanings");
    expect(collection.status).toBe(204);
    expect(await collection.text()).toBe("");
    expect(collection.headers.get("allow")).toBe("POST, GET, OPTIONS");
    const item = await send("OPTIONS", "/api/cleanings/1");
    expect(item.headers.get("allow")).toBe("GET, PUT, PATCH, DELETE, OPTIONS");
  });

  it("answers 405 with Allow for a method the path does not serve, and 404 for unknown paths", async () => {
    const wrongMethod = await send("DELETE", "/api/cleanings");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST, GET, OPTIONS");
    const unknown = await send("GET", "/api/nothing-here");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: "Not Found" });
  });

  it("answers a path parameter that is not valid percent-encoding with 404, never 500", async () => {
    for (const path of ["/api/cleanings/%", "/api/cleanings/%E0%A4%A", "/api/users/%"]) {
      const response = await send("GET", path);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: "Not Found" });
    }
  });

  it("treats a session cookie that is not valid percent-encoding as no session, never 500", async () => {
    const cookie = { Authorization: "", Cookie: "phresh_session=%E0%A4%A" };
    const rest = await fetch(`${server.url}/api/users/me`, { headers: cookie });
    expect(rest.status).toBe(401);
    const trpc = await fetch(`${server.url}/api/trpc/users.me`, { headers: cookie });
    expect(trpc.status).toBe(401);
  });

  it("answers malformed JSON with 422 json_invalid, never 500", async () => {
    const response = await send("POST", "/api/cleanings", '{"new_cleaning": {"name": ');
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      detail: [{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }],
    });
  });

  it("answers a body that is not JSON with 415", async () => {
    const response = await send("POST", "/api/cleanings", "name=x&price=1", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      detail: "UNSUPPORTED_MEDIA_TYPE: send application/json",
    });
  });

  it("answers a body over 1 MiB with 413 and stores nothing", async () => {
    const before = ((await (await send("GET", "/api/cleanings")).json()) as unknown[]).length;
    const response = await send("POST", "/api/cleanings", {
      new_cleaning: { name: "Huge", price: 1, description: "x".repeat(1024 * 1024) },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ detail: "REQUEST_TOO_LARGE" });
    const after = ((await (await send("GET", "/api/cleanings")).json()) as unknown[]).length;
    expect(after).toBe(before);
  });

  it("answers JSON of the wrong shape (an array, a string) with 422", async () => {
    for (const body of ["[1,2]", '"text"', "null", "12"]) {
      const response = await send("POST", "/api/cleanings", body);
      expect(response.status).toBe(422);
    }
  });

  it("serves an OpenAPI 3.1 document built from the route table", async () => {
    const response = await send("GET", "/api/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths["/api/cleanings/{id}"] ?? {}).sort()).toEqual([
      "delete",
      "get",
      "patch",
      "put",
    ]);
    const createBody =
      document.paths["/api/cleanings"]?.post?.requestBody?.content["application/json"]?.schema;
    expect(createBody).toMatchObject({
      required: ["new_cleaning"],
      properties: {
        new_cleaning: {
          properties: {
            cleaning_type: { enum: ["dust_up", "spot_clean", "full_clean"] },
            name: { maxLength: 100 },
          },
        },
      },
    });
  });

  it("serves the interactive docs page and its assets locally", async () => {
    const page = await send("GET", "/api/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('src="/api/docs/swagger-ui-bundle.js"');
    const bundle = await send("GET", "/api/docs/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await send("GET", "/api/docs/start.js")).status).toBe(200);
  });

  it("serves the same procedures through tRPC", async () => {
    const created = await createCleaning({ name: "Via REST" });
    const response = await fetch(
      `${server.url}/api/trpc/cleanings.byId?input=${encodeURIComponent(JSON.stringify({ id: created.id }))}`,
      { headers: authorization },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { name: string } } };
    expect(body.result.data.name).toBe("Via REST");
    const missing = await fetch(
      `${server.url}/api/trpc/cleanings.byId?input=${encodeURIComponent('{"id":999999}')}`,
      { headers: authorization },
    );
    expect(missing.status).toBe(404);
    const error = (await missing.json()) as {
      error: { message: string; data: { errorCode: string } };
    };
    expect(error.error.data.errorCode).toBe("CLEANING_NOT_FOUND");
  });
});
