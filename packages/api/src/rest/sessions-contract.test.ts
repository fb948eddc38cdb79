// Sessions over the legacy REST contract, on real HTTP: what ends them (a password change,
// deactivation), which token claims are accepted, and what an unverified account may still do.
import { testDatabaseKind } from "@phresh/db/testing";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_AUDIENCE } from "../auth/access-tokens.ts";
import {
  createAccount,
  newAccountDetails,
  openTestServices,
  serveDuringTests,
  startTestServer,
  TEST_SECRET_KEY,
  type TestServer,
} from "../testing.ts";
import { ACCESS_TOKEN_HEADER } from "../trpc.ts";

const served = serveDuringTests();

async function call(
  method: string,
  path: string,
  options: { json?: unknown; token?: string; server?: TestServer } = {},
) {
  const headers: Record<string, string> = {};
  if (options.json !== undefined) headers["Content-Type"] = "application/json";
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const response = await fetch(`${(options.server ?? served.server).url}${path}`, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

const me = async (token: string) => (await call("GET", "/api/users/me", { token })).status;

/** A second session of the same account, as a second log-in would give. */
const secondSession = (account: Awaited<ReturnType<typeof createAccount>>) =>
  served.services.accessTokens.issue(account.user.id, account.user.tokenGeneration);

const newCleaning = { new_cleaning: { name: "Windows", price: 12.5 } };

describe(`a password change over REST on ${testDatabaseKind}`, () => {
  it("ends every other session and hands the caller a new token in a header, the body unchanged", async () => {
    const account = await createAccount(served.services);
    const other = await secondSession(account);
    const changed = await call("PATCH", "/api/users/me", {
      token: account.token,
      json: { password: "Changed-pass-77", current_password: account.password },
    });
    expect(changed.status).toBe(200);
    expect(Object.keys(changed.body as object).sort()).toEqual([
      "created_at",
      "email",
      "id",
      "is_active",
      "is_superuser",
      "is_verified",
      "name",
      "updated_at",
    ]);
    const reissued = changed.headers.get(ACCESS_TOKEN_HEADER) ?? "";
    expect(await me(reissued)).toBe(200);
    expect(await me(other)).toBe(401);
    expect(await me(account.token)).toBe(401);
  });

  it("ends no session when only the name changes", async () => {
    const account = await createAccount(served.services);
    const other = await secondSession(account);
    const renamed = await call("PATCH", "/api/users/me", {
      token: account.token,
      json: { name: `r_${account.name}`.slice(0, 20), current_password: account.password },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get(ACCESS_TOKEN_HEADER)).toBeNull();
    expect([await me(account.token), await me(other)]).toEqual([200, 200]);
  });

  it("set by a superuser, ends every session of that user and none of the superuser's", async () => {
    const account = await createAccount(served.services);
    const admin = await createAccount(served.services, { superuser: true });
    const changed = await call("PATCH", `/api/users/${account.user.id}`, {
      token: admin.token,
      json: { password: "Chosen-by-admin-1" },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get(ACCESS_TOKEN_HEADER)).toBeNull();
    expect([await me(account.token), await me(admin.token)]).toEqual([401, 200]);
  });
});

describe(`deactivation over REST on ${testDatabaseKind}`, () => {
  it("ends the sessions for good: reactivating the user does not revive their old tokens", async () => {
    const account = await createAccount(served.services);
    const admin = await createAccount(served.services, { superuser: true });
    for (const is_active of [false, true]) {
      const patched = await call("PATCH", `/api/users/${account.user.id}`, {
        token: admin.token,
        json: { is_active },
      });
      expect(patched.status).toBe(200);
    }
    expect(await me(account.token)).toBe(401);
    const logIn = await fetch(`${served.server.url}/api/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: account.email, password: account.password }),
    });
    const { access_token } = (await logIn.json()) as { access_token: string };
    expect(await me(access_token)).toBe(200);
  });
});

describe(`access token claim types over REST on ${testDatabaseKind}`, () => {
  const key = new TextEncoder().encode(TEST_SECRET_KEY);
  /** Signed with the real key, so only the claims' types can be wrong. */
  const signed = (claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      aud: [ACCESS_TOKEN_AUDIENCE],
      iss: served.services.config.jwtIssuer,
      iat: now,
      exp: now + 3600,
      ...claims,
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(key);
  };

  it.each<[string, (userId: string) => Record<string, unknown>]>([
    ["sub an array", (userId) => ({ sub: [userId] })],
    ["sub a number", () => ({ sub: 12 })],
    ["jti an object", () => ({ jti: { $gt: "" } })],
    ["jti an array", () => ({ jti: ["a", "b"] })],
    ["jti longer than 64", () => ({ jti: "j".repeat(65) })],
    ["jti empty", () => ({ jti: "" })],
    ["gen a string", () => ({ gen: "0" })],
    ["gen a fraction", () => ({ gen: 0.5 })],
    ["gen missing", () => ({ gen: undefined })],
  ])("refuses a well-signed token with %s: 401 on /me and on logout, never 500", async (_, bad) => {
    const account = await createAccount(served.services);
    const good = { sub: account.user.id, jti: crypto.randomUUID(), gen: 0 };
    const claims = { ...good, ...bad(account.user.id) };
    const token = await signed(claims);
    expect(await me(token)).toBe(401);
    for (const path of ["/api/token/logout", "/api/token/logout-all"]) {
      const logout = await call("POST", path, { token });
      expect([logout.status, logout.body]).toEqual([401, { detail: "UNAUTHORIZED" }]);
    }
    // The same token with the right types is accepted: the refusal was for the type alone.
    expect(await me(await signed(good))).toBe(200);
  });
});

describe(`verification enforced after log-in over REST on ${testDatabaseKind}`, () => {
  const notVerified = { detail: "USER_NOT_VERIFIED" };

  it("lets an unverified account read and change itself and log out, and refuses the rest with 403", async () => {
    const account = await createAccount(served.services, { verified: false });
    expect(await me(account.token)).toBe(200);
    const renamed = await call("PATCH", "/api/users/me", {
      token: account.token,
      json: { name: `u_${account.name}`.slice(0, 20), current_password: account.password },
    });
    expect(renamed.status).toBe(200);
    for (const [method, path, json] of [
      ["POST", "/api/cleanings", newCleaning],
      ["GET", "/api/cleanings", undefined],
      ["GET", "/api/cleanings/1", undefined],
      ["PATCH", "/api/cleanings/1", { update_cleaning: { name: "Mine now" } }],
      ["DELETE", "/api/cleanings/1", undefined],
    ] as const) {
      const refused = await call(method, path, { token: account.token, json });
      expect([method, path, refused.status, refused.body]).toEqual([
        method,
        path,
        403,
        notVerified,
      ]);
    }
    const other = await secondSession(account);
    expect((await call("POST", "/api/token/logout", { token: account.token })).status).toBe(204);
    expect((await call("POST", "/api/token/logout-all", { token: other })).status).toBe(204);
    expect(await me(other)).toBe(401);
  });

  it("refuses everything but the account itself once the e-mail changes, until the new address is verified", async () => {
    const account = await createAccount(served.services);
    expect(
      (await call("POST", "/api/cleanings", { token: account.token, json: newCleaning })).status,
    ).toBe(201);
    const newEmail = newAccountDetails().email;
    const changed = await call("PATCH", "/api/users/me", {
      token: account.token,
      json: { email: newEmail, current_password: account.password },
    });
    expect(changed.status).toBe(200);
    const refused = await call("POST", "/api/cleanings", {
      token: account.token,
      json: newCleaning,
    });
    expect([refused.status, refused.body]).toEqual([403, notVerified]);

    expect(
      (await call("POST", "/api/users/request-verify-token", { json: { email: newEmail } })).status,
    ).toBe(202);
    await Promise.all([...served.services.backgroundTasks]);
    const mail = await served.services.database.prisma.outboxMail.findFirst({
      where: { to: newEmail },
      orderBy: { id: "desc" },
    });
    const link = new URL(/https?:\/\/\S+/.exec(mail?.text ?? "")?.[0] ?? "");
    const verified = await call("POST", "/api/users/verify", {
      json: { token: link.searchParams.get("token") },
    });
    expect(verified.status).toBe(200);
    expect(
      (await call("POST", "/api/cleanings", { token: account.token, json: newCleaning })).status,
    ).toBe(201);
  });

  it("refuses the routes of an account a superuser marked unverified", async () => {
    const account = await createAccount(served.services);
    const admin = await createAccount(served.services, { superuser: true });
    const marked = await call("PATCH", `/api/users/${account.user.id}`, {
      token: admin.token,
      json: { is_verified: false },
    });
    expect(marked.status).toBe(200);
    const refused = await call("GET", "/api/cleanings", { token: account.token });
    expect([refused.status, refused.body]).toEqual([403, notVerified]);
  });

  it("gives an unverified superuser no superuser powers", async () => {
    const admin = await createAccount(served.services, { superuser: true, verified: false });
    const target = await createAccount(served.services);
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const json = method === "PATCH" ? { is_active: false } : undefined;
      const refused = await call(method, `/api/users/${target.user.id}`, {
        token: admin.token,
        json,
      });
      expect([method, refused.status, refused.body]).toEqual([method, 403, notVerified]);
    }
    expect(await me(target.token)).toBe(200);
  });

  it("leaves an unverified account every power when REQUIRE_VERIFICATION is off", async () => {
    const services = await openTestServices({ requireVerification: false });
    const server = await startTestServer(services);
    try {
      const account = await createAccount(services, { verified: false });
      const created = await call("POST", "/api/cleanings", {
        token: account.token,
        json: newCleaning,
        server,
      });
      expect(created.status).toBe(201);
    } finally {
      await server.close();
      await services.close();
    }
  });
});

describe(`verifying an inactive account over REST on ${testDatabaseKind}`, () => {
  it("is refused with VERIFY_USER_BAD_TOKEN and leaves the account unverified", async () => {
    const details = newAccountDetails();
    const registered = await call("POST", "/api/users", { json: { new_user: details } });
    const { id } = registered.body as { id: string };
    const admin = await createAccount(served.services, { superuser: true });
    await call("PATCH", `/api/users/${id}`, { token: admin.token, json: { is_active: false } });
    const mail = await served.services.database.prisma.outboxMail.findFirst({
      where: { to: details.email },
    });
    const token = new URL(/https?:\/\/\S+/.exec(mail?.text ?? "")?.[0] ?? "").searchParams.get(
      "token",
    );
    const refused = await call("POST", "/api/users/verify", { json: { token } });
    expect([refused.status, refused.body]).toEqual([400, { detail: "VERIFY_USER_BAD_TOKEN" }]);
    const read = await call("GET", `/api/users/${id}`, { token: admin.token });
    expect(read.body).toMatchObject({ is_active: false, is_verified: false });
  });
});
