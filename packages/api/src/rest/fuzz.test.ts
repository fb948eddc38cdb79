// Property-based fuzzing of every REST route and the tRPC endpoint over real HTTP: random
// methods, paths, bodies, headers, content types, encodings, huge and nested values. No answer
// may be a 5xx, hang, or be anything but well-formed JSON (or empty, for 204 and OPTIONS); the
// test server fails on closing if any answer was one its OpenAPI document does not give.
// `pnpm --filter @phresh/api test:fuzz` runs 10,000 cases with a fixed seed; the default suite 300.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../root.ts";
import {
  createAccount,
  openTestServices,
  startTestServer,
  type TestServer,
  type TestServices,
} from "../testing.ts";
import { procedureRoutes } from "./handler.ts";

const RUNS = Number(process.env.PHRESH_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.PHRESH_FUZZ_SEED ?? 20261125);
// A case takes about 28 ms on a busy 2-core machine (8 s for 300 at a load of 20): 150 ms a case
// is ample headroom, and the limit only catches a hang.
const TIME_LIMIT_MS = Math.max(300_000, RUNS * 150);

let services: TestServices;
let server: TestServer;
let token: string;
const knownNames: string[] = [];

beforeAll(async () => {
  services = await openTestServices();
  server = await startTestServer(services);
  const fuzzer = await createAccount(services, { superuser: true });
  token = fuzzer.token;
  // Something for the id and name segments to find: cleaning 1 of someone else, with an offer
  // by the fuzzing account (so offer routes reach their rules, not only their 404s).
  const owner = await createAccount(services);
  const cleaning = await owner.caller.cleanings.create({ name: "Fuzzed", price: 1 });
  await fuzzer.caller.offers.make({ cleaning_id: cleaning.id });
  knownNames.push(fuzzer.name, owner.name);
});
afterAll(async () => {
  await server.close();
  await services.close();
});

const segment = fc.oneof(
  fc.constant("1"),
  fc.integer({ min: -5, max: 2 ** 40 }).map(String),
  fc.uuid(),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/),
  // Names of real accounts, read when the case runs (they exist once beforeAll has run).
  fc.nat().map((index) => ({ toString: () => knownNames[index % knownNames.length] ?? "x" })),
);

/** Paging parameters and junk, e.g. `?cursor=…&limit=…`. */
const query = fc.option(
  fc
    .dictionary(
      fc.constantFrom("cursor", "limit", "other"),
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.integer({ min: -5, max: 100 }).map(String),
        fc.base64String({ maxLength: 60 }),
      ),
    )
    .map((parameters) => `?${new URLSearchParams(parameters)}`),
  { nil: "" },
);

const concretePath = (template: string) =>
  fc
    .tuple(segment, query)
    .map(([value, search]) => `/api${template.replace(/\{\w+\}/g, String(value))}${search}`);

const jsonValue = fc.jsonValue({ maxDepth: 6 });
const trpcProcedures = Object.keys(appRouter._def.procedures);

const path = fc.oneof(
  ...procedureRoutes.map((route) => concretePath(route.path)),
  // Every tRPC procedure, alone or in a batch, with a random `input` in the query (as queries send it).
  fc.constantFrom(...trpcProcedures).map((name) => `/api/trpc/${name}`),
  fc
    .tuple(fc.subarray(trpcProcedures, { minLength: 1, maxLength: 3 }), jsonValue)
    .map(
      ([names, input]) =>
        `/api/trpc/${names.join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`,
    ),
  fc
    .tuple(fc.constantFrom(...trpcProcedures), fc.string({ maxLength: 60 }))
    .map(([name, input]) => `/api/trpc/${name}?input=${encodeURIComponent(input)}`),
  fc.string({ maxLength: 30 }).map((rest) => `/api/${encodeURIComponent(rest)}`),
);

const body = fc.oneof(
  jsonValue.map((value) => JSON.stringify(value)),
  fc
    .record({
      new_cleaning: jsonValue,
      new_user: jsonValue,
      update_cleaning: jsonValue,
      profile_update: jsonValue,
      evaluation_create: jsonValue,
      marketplace_mails: jsonValue,
    })
    .map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  fc
    .integer({ min: 0, max: 100 })
    .map((depth) => `${"[".repeat(depth * 100)}${"]".repeat(depth * 100)}`),
  fc.constant(JSON.stringify({ new_cleaning: { name: "x".repeat(200_000), price: 1 } })),
  fc.constant(undefined),
);

const contentType = fc.option(
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-16",
    "application/x-www-form-urlencoded",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/vnd.api+json",
    "",
  ),
);

const request = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"),
  path,
  body,
  contentType,
  authorized: fc.boolean(),
  authorization: fc.option(
    fc.string({ maxLength: 60 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
  ),
});

describe("fuzzing the HTTP API", { timeout: TIME_LIMIT_MS }, () => {
  it(`answers ${RUNS} random requests without a 5xx, and always with JSON`, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const headers: Record<string, string> = {};
        if (input.contentType !== null) headers["Content-Type"] = input.contentType;
        if (input.authorized) headers.Authorization = `Bearer ${token}`;
        else if (input.authorization !== null) headers.Authorization = input.authorization;
        const sendsBody = input.body !== undefined && !["GET", "HEAD"].includes(input.method);
        const response = await fetch(`${server.url}${input.path}`, {
          method: input.method,
          headers,
          body: sendsBody ? input.body : undefined,
          // Catches a hang, not a slow machine.
          signal: AbortSignal.timeout(60_000),
        });
        const text = await response.text();
        expect(response.status, `${input.method} ${input.path}`).toBeLessThan(500);
        if (text !== "") expect(() => JSON.parse(text)).not.toThrow();
        else expect([204, 200, 404, 405]).toContain(response.status);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
