// Sessions over tRPC, on real HTTP with the web's cookie and with bearer tokens: what ends them
// (a password change, deactivation), which token claims are accepted, and what an unverified
// account may still do.
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_AUDIENCE } from "../auth/access-tokens.ts";
import { createAccount, newAccountDetails, serveDuringTests, TEST_SECRET_KEY } from "../testing.ts";
import { ACCESS_TOKEN_HEADER } from "../trpc.ts";

const served = serveDuringTests();

type RequestHeaders = Record<string, string>;
const bearer = (token: string): RequestHeaders => ({ Authorization: `Bearer ${token}` });

function mutation(path: string, input: unknown, headers: RequestHeaders) {
  return fetch(`${served.server.url}/api/trpc/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: served.server.url, ...headers },
    body: JSON.stringify(input),
  });
}

const query = (path: string, headers: RequestHeaders, input?: unknown) =>
  fetch(
    `${served.server.url}/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
    { headers },
  );

const me = async (headers: RequestHeaders) => (await query("users.me", headers)).status;

/** The HTTP status, tRPC code and Phresh error code of a refusal. */
async function refusal(response: Response) {
  const { error } = (await response.json()) as {
    error: { data: { code: string; errorCode?: string } };
  };
  return [response.status, error.data.code, error.data.errorCode];
}

async function logInWithCookie(account: { email: string; password: string }) {
  const response = await mutation(
    "session.logIn",
    { email: account.email, password: account.password },
    {},
  );
  expect(response.status).toBe(200);
  return { Cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
}

describe("a password change over tRPC", () => {
  it("keeps the web session with a new cookie, and ends every other session", async () => {
    const account = await createAccount(served.services);
    const cookie = await logInWithCookie(account);
    const response = await mutation(
      "users.updateMe",
      { password: "Changed-pass-77", current_password: account.password },
      cookie,
    );
    expect(response.status).toBe(200);
    // The token stays out of reach of scripts: in the HttpOnly cookie, not in a header or the body.
    expect(response.headers.get(ACCESS_TOKEN_HEADER)).toBeNull();
    expect(await response.text()).not.toMatch(/eyJ/); // how every JWT begins
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^phresh_session=[\w.-]+; Path=\/; HttpOnly; SameSite=Lax/);
    const newCookie = { Cookie: setCookie.split(";")[0] ?? "" };
    expect(await me(newCookie)).toBe(200);
    expect(await me(cookie)).toBe(401);
    expect(await me(bearer(account.token))).toBe(401);
  });

  it("gives a bearer client its new token in a header, and ends every other session", async () => {
    const account = await createAccount(served.services);
    const cookie = await logInWithCookie(account);
    const response = await mutation(
      "users.updateMe",
      { password: "Changed-pass-78", current_password: account.password },
      bearer(account.token),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    const reissued = response.headers.get(ACCESS_TOKEN_HEADER) ?? "";
    expect(await me(bearer(reissued))).toBe(200);
    expect(await me(bearer(account.token))).toBe(401);
    expect(await me(cookie)).toBe(401);
  });
});

describe("deactivation over tRPC", () => {
  it("ends the sessions for good: reactivating the user does not revive their old tokens", async () => {
    const account = await createAccount(served.services);
    const admin = await createAccount(served.services, { superuser: true });
    for (const is_active of [false, true]) {
      const response = await mutation(
        "users.update",
        { id: account.user.id, patch: { is_active } },
        bearer(admin.token),
      );
      expect(response.status).toBe(200);
    }
    expect(await me(bearer(account.token))).toBe(401);
  });
});

describe("access token claim types over tRPC", () => {
  const key = new TextEncoder().encode(TEST_SECRET_KEY);
  const signed = (claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      aud: [ACCESS_TOKEN_AUDIENCE],
      iss: served.services.config.jwtIssuer,
      iat: now,
      exp: now + 3600,
      gen: 0,
      ...claims,
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(key);
  };

  it("refuses a well-signed token with sub an array or jti an object: UNAUTHORIZED, never a 500", async () => {
    const { user } = await createAccount(served.services);
    for (const token of [
      await signed({ sub: [user.id], jti: crypto.randomUUID() }),
      await signed({ sub: user.id, jti: { toString: "x" } }),
    ]) {
      expect(await refusal(await query("users.me", bearer(token)))).toEqual([
        401,
        "UNAUTHORIZED",
        "UNAUTHORIZED",
      ]);
      for (const path of ["auth.logout", "auth.logoutEverywhere", "session.logOut"]) {
        expect(await refusal(await mutation(path, {}, bearer(token)))).toEqual([
          401,
          "UNAUTHORIZED",
          "UNAUTHORIZED",
        ]);
      }
    }
    expect(await me(bearer(await signed({ sub: user.id, jti: crypto.randomUUID() })))).toBe(200);
  });
});

describe("verification enforced after log-in over tRPC", () => {
  const notVerified = [403, "FORBIDDEN", "USER_NOT_VERIFIED"];

  it("lets an unverified account read and change itself and log out, and refuses the rest", async () => {
    const account = await createAccount(served.services, { verified: false });
    const headers = bearer(account.token);
    expect(await me(headers)).toBe(200);
    const renamed = await mutation(
      "users.updateMe",
      { name: `u_${account.name}`.slice(0, 20), current_password: account.password },
      headers,
    );
    expect(renamed.status).toBe(200);
    expect(
      await refusal(await mutation("cleanings.create", { name: "Oven", price: 3 }, headers)),
    ).toEqual(notVerified);
    expect(await refusal(await query("cleanings.list", headers))).toEqual(notVerified);
    expect(await refusal(await query("cleanings.byId", headers, { id: 1 }))).toEqual(notVerified);
    const other = bearer(
      await served.services.accessTokens.issue(account.user.id, account.user.tokenGeneration),
    );
    expect((await mutation("auth.logout", {}, headers)).status).toBe(200);
    expect((await mutation("auth.logoutEverywhere", {}, other)).status).toBe(200);
    expect(await me(other)).toBe(401);
  });

  it("refuses the web session's cleanings once the e-mail changes, and still logs it out", async () => {
    const account = await createAccount(served.services);
    const cookie = await logInWithCookie(account);
    expect((await query("cleanings.list", cookie)).status).toBe(200);
    const changed = await mutation(
      "users.updateMe",
      { email: newAccountDetails().email, current_password: account.password },
      cookie,
    );
    expect(changed.status).toBe(200);
    expect(await refusal(await query("cleanings.list", cookie))).toEqual(notVerified);
    expect(await me(cookie)).toBe(200);
    expect((await mutation("session.logOut", {}, cookie)).status).toBe(200);
    expect(await me(cookie)).toBe(401);
  });

  it("gives an unverified superuser no superuser powers", async () => {
    const admin = await createAccount(served.services, { superuser: true, verified: false });
    const target = await createAccount(served.services);
    const headers = bearer(admin.token);
    expect(await refusal(await query("users.byId", headers, { id: target.user.id }))).toEqual(
      notVerified,
    );
    for (const [path, input] of [
      ["users.update", { id: target.user.id, patch: { is_active: false } }],
      ["users.delete", { id: target.user.id }],
    ] as const) {
      expect(await refusal(await mutation(path, input, headers))).toEqual(notVerified);
    }
    expect(await me(bearer(target.token))).toBe(200);
  });
});
