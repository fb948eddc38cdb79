// The marketplace's profile routes (P1–P3) over real HTTP, REST and tRPC: shapes, every
// refusal, and who may see a profile's e-mail and phone number.
import { testDatabaseKind } from "@phresh/db/testing";
import { describe, expect, it } from "vitest";
import { createAccount, newAccountDetails, serveDuringTests } from "../testing.ts";

const served = serveDuringTests();
const db = () => served.services.database.prisma;

type Account = Awaited<ReturnType<typeof createAccount>>;
type Json = Record<string, unknown>;
type OfferStatus = "pending" | "accepted" | "rejected" | "cancelled" | "completed";

async function send(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${served.server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : "" };
}

/** tRPC over HTTP: queries as GET with `?input=`, mutations as POST. */
async function trpc(kind: "query" | "mutation", procedure: string, token: string, input?: unknown) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(
    `${served.server.url}/api/trpc/${procedure}${kind === "query" ? query : ""}`,
    {
      method: kind === "query" ? "GET" : "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: kind === "mutation" ? JSON.stringify(input ?? null) : undefined,
    },
  );
  return { status: response.status, body: (await response.json()) as Json };
}

const account = () => createAccount(served.services);

/** `owner`'s cleaning with `cleaner`'s offer in `status`, written directly (offers are another feature). */
async function offerBetween(owner: Account, cleaner: Account, status: OfferStatus) {
  const cleaning = await db().cleaning.create({
    data: { name: "Kitchen", price: "30.00", ownerId: owner.user.id },
  });
  await db().offer.create({ data: { userId: cleaner.user.id, cleaningId: cleaning.id, status } });
  return cleaning;
}

const emptyProfile = (owner: Account) => ({
  id: expect.any(Number),
  user_id: owner.user.id,
  name: owner.name,
  full_name: null,
  bio: null,
  image: null,
  created_at: expect.any(String),
  updated_at: expect.any(String),
});

describe(`REST and tRPC profiles contract on ${testDatabaseKind}`, () => {
  it.each([
    ["GET", "/api/profiles/me"],
    ["PUT", "/api/profiles/me"],
    ["PATCH", "/api/profiles/me"],
    ["GET", "/api/profiles/somebody"],
    ["GET", "/api/profiles/x"],
  ])("answers %s %s without a token with 401, before anything else", async (method, path) => {
    const body = method === "GET" ? undefined : { profile_update: { bio: [] } };
    const response = await send(method, path, undefined, body);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(response.body).toEqual({ detail: "UNAUTHORIZED" });
  });

  it("gives an account registered through the API an empty profile at once", async () => {
    const details = newAccountDetails();
    const registered = await send("POST", "/api/users", undefined, { new_user: details });
    expect(registered.status).toBe(201);
    const viewer = await account();
    const profile = await send("GET", `/api/profiles/${details.name}`, viewer.token);
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual({
      ...emptyProfile({ user: { id: registered.body.id }, name: details.name } as Account),
    });
  });

  it("gives a verified account (superuser path) an empty profile, shown to its owner with contact details", async () => {
    const owner = await account();
    const response = await send("GET", "/api/profiles/me", owner.token);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ...emptyProfile(owner),
      email: owner.email,
      phone_number: null,
    });
  });

  it("shows anyone's profile by name, in any letter case, without e-mail or phone to a stranger", async () => {
    const owner = await account();
    await send("PATCH", "/api/profiles/me", owner.token, {
      profile_update: { full_name: "Ann Owner", phone_number: "+32 470 00 00 00", bio: "Hi" },
    });
    const stranger = await account();
    for (const name of [owner.name, owner.name.toUpperCase()]) {
      const response = await send("GET", `/api/profiles/${name}`, stranger.token);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...emptyProfile(owner),
        full_name: "Ann Owner",
        bio: "Hi",
      });
      expect(response.body).not.toHaveProperty("email");
      expect(response.body).not.toHaveProperty("phone_number");
    }
  });

  it.each(["accepted", "completed"] as const)(
    "shows e-mail and phone to both parties of an %s offer between them",
    async (status) => {
      const owner = await account();
      const cleaner = await account();
      for (const person of [owner, cleaner])
        await send("PATCH", "/api/profiles/me", person.token, {
          profile_update: { phone_number: `555-${person.name.length}` },
        });
      await offerBetween(owner, cleaner, status);
      const seenByOwner = await send("GET", `/api/profiles/${cleaner.name}`, owner.token);
      expect(seenByOwner.body).toMatchObject({
        email: cleaner.email,
        phone_number: `555-${cleaner.name.length}`,
      });
      const seenByCleaner = await send("GET", `/api/profiles/${owner.name}`, cleaner.token);
      expect(seenByCleaner.body).toMatchObject({ email: owner.email });
      expect(seenByCleaner.body).toHaveProperty("phone_number");
      // Over tRPC too.
      const viaTrpc = await trpc("query", "profiles.byName", owner.token, { name: cleaner.name });
      expect(viaTrpc.body).toMatchObject({ result: { data: { email: cleaner.email } } });
    },
  );

  it.each(["pending", "rejected", "cancelled"] as const)(
    "hides e-mail and phone between the parties of a %s offer",
    async (status) => {
      const owner = await account();
      const cleaner = await account();
      await offerBetween(owner, cleaner, status);
      for (const [viewer, seen] of [
        [owner, cleaner],
        [cleaner, owner],
      ] as const) {
        const response = await send("GET", `/api/profiles/${seen.name}`, viewer.token);
        expect(response.status).toBe(200);
        expect(response.body).not.toHaveProperty("email");
        expect(response.body).not.toHaveProperty("phone_number");
      }
    },
  );

  it("hides contact details from a third person even when the two others have an accepted offer", async () => {
    const owner = await account();
    const cleaner = await account();
    await offerBetween(owner, cleaner, "accepted");
    const bystander = await account();
    const response = await send("GET", `/api/profiles/${cleaner.name}`, bystander.token);
    expect(response.body).not.toHaveProperty("email");
  });

  it("answers 404 PROFILE_NOT_FOUND for an unknown or deactivated name", async () => {
    const viewer = await account();
    const unknown = await send("GET", "/api/profiles/nobody_here", viewer.token);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: "PROFILE_NOT_FOUND" });
    const gone = await account();
    await db().user.update({ where: { id: gone.user.id }, data: { isActive: false } });
    const deactivated = await send("GET", `/api/profiles/${gone.name}`, viewer.token);
    expect(deactivated.status).toBe(404);
    expect(deactivated.body).toEqual({ detail: "PROFILE_NOT_FOUND" });
    const viaTrpc = await trpc("query", "profiles.byName", viewer.token, { name: "nobody_here" });
    expect(viaTrpc.status).toBe(404);
    expect(viaTrpc.body).toMatchObject({ error: { data: { errorCode: "PROFILE_NOT_FOUND" } } });
  });

  it.each(["abc", "has%20space", "a.b.c.d", "x".repeat(21)])(
    "answers 422 on the path for the malformed name %s",
    async (name) => {
      const viewer = await account();
      const response = await send("GET", `/api/profiles/${name}`, viewer.token);
      expect(response.status).toBe(422);
      expect(response.body.detail[0].loc).toEqual(["path", "name"]);
    },
  );

  it("serves /profiles/me from its own route, never as a profile named 'me'", async () => {
    const owner = await account();
    const response = await send("GET", "/api/profiles/me", owner.token);
    expect(response.status).toBe(200);
    expect(response.body.user_id).toBe(owner.user.id);
    const options = await send("OPTIONS", "/api/profiles/me");
    expect(options.headers.get("allow")).toBe("GET, PUT, PATCH, OPTIONS");
    const other = await send("OPTIONS", "/api/profiles/somebody");
    expect(other.headers.get("allow")).toBe("GET, OPTIONS");
  });

  it.each(["PUT", "PATCH"])(
    "updates with %s: fields sent change, null clears, fields left out keep their value",
    async (method) => {
      const owner = await account();
      const first = await send(method, "/api/profiles/me", owner.token, {
        profile_update: {
          full_name: "  Bo Cleaner  ",
          phone_number: "0123",
          bio: "Careful and quick.",
          image: "https://images.example.com/bo.png",
        },
      });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        ...emptyProfile(owner),
        full_name: "Bo Cleaner",
        bio: "Careful and quick.",
        image: "https://images.example.com/bo.png",
        email: owner.email,
        phone_number: "0123",
      });
      const second = await send(method, "/api/profiles/me", owner.token, {
        profile_update: { bio: null, image: "http://127.0.0.1:8080/me.jpg" },
      });
      expect(second.body).toMatchObject({
        full_name: "Bo Cleaner",
        phone_number: "0123",
        bio: null,
        image: "http://127.0.0.1:8080/me.jpg",
      });
      const me = await send("GET", "/api/profiles/me", owner.token);
      expect(me.body).toEqual(second.body);
    },
  );

  it.each([
    ["full_name is a list", { full_name: [] }, "full_name"],
    ["bio is an object", { bio: {} }, "bio"],
    ["image is relative", { image: "./image-string.png" }, "image"],
    ["image is a number", { image: 5 }, "image"],
    ["image is javascript:", { image: "javascript:alert(1)" }, "image"],
    ["image is data:", { image: "data:image/png;base64,AAAA" }, "image"],
    ["image is ftp:", { image: "ftp://example.com/a.png" }, "image"],
    ["image is too long", { image: `https://example.com/${"a".repeat(2048)}` }, "image"],
    ["full_name is too long", { full_name: "n".repeat(101) }, "full_name"],
    ["phone_number is too long", { phone_number: "1".repeat(31) }, "phone_number"],
    ["bio is too long", { bio: "b".repeat(1001) }, "bio"],
  ])("refuses an update where %s with 422 on that field", async (_, update, field) => {
    const owner = await account();
    const response = await send("PUT", "/api/profiles/me", owner.token, {
      profile_update: update,
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toEqual([
      { loc: ["body", "profile_update", field], msg: expect.any(String), type: expect.any(String) },
    ]);
    expect((await send("GET", "/api/profiles/me", owner.token)).body.image).toBeNull();
  });

  it("refuses a missing wrapper and an update that changes nothing with 422", async () => {
    const owner = await account();
    const noWrapper = await send("PUT", "/api/profiles/me", owner.token, { bio: "x" });
    expect(noWrapper.status).toBe(422);
    expect(noWrapper.body).toEqual({
      detail: [{ loc: ["body", "profile_update"], msg: "Field required", type: "missing" }],
    });
    const nothing = await send("PATCH", "/api/profiles/me", owner.token, { profile_update: {} });
    expect(nothing.status).toBe(422);
  });

  it("serves me and updateMe through tRPC, with validation as BAD_REQUEST", async () => {
    const owner = await account();
    const updated = await trpc("mutation", "profiles.updateMe", owner.token, {
      full_name: "Via tRPC",
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      result: { data: { full_name: "Via tRPC", email: owner.email } },
    });
    const me = await trpc("query", "profiles.me", owner.token);
    expect(me.body).toMatchObject({ result: { data: { full_name: "Via tRPC" } } });
    const refused = await trpc("mutation", "profiles.updateMe", owner.token, {
      image: "javascript:alert(1)",
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { data: { errorCode: "VALIDATION_ERROR", issues: [{ path: ["image"] }] } },
    });
  });
});
