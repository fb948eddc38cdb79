// The web session over real HTTP: an HttpOnly cookie set by session.logIn, accepted like a
// bearer token, and refused for state-changing requests from another origin (CSRF).
import { describe, expect, it } from "vitest";
import { createAccount, openTestServices, serveDuringTests, startTestServer } from "../testing.ts";

const served = serveDuringTests();

function mutation(path: string, input: unknown, headers: Record<string, string> = {}) {
  return fetch(`${served.server.url}/api/trpc/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: served.server.url, ...headers },
    body: JSON.stringify(input),
  });
}

const me = (headers: Record<string, string>) =>
  fetch(`${served.server.url}/api/trpc/users.me`, { headers });

async function logInWithCookie() {
  const account = await createAccount(served.services);
  const response = await mutation("session.logIn", {
    email: account.email,
    password: account.password,
  });
  expect(response.status).toBe(200);
  const setCookie = response.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  return { account, setCookie, cookie };
}

describe("cookie sessions", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie that authenticates like a bearer token", async () => {
    const { setCookie, cookie, account } = await logInWithCookie();
    expect(setCookie).toMatch(
      /^phresh_session=[\w.-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=3600$/,
    );
    const response = await me({ Cookie: cookie });
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { result: { data: { email: string } } }).result.data.email,
    ).toBe(account.email);
  });

  it("marks the cookie Secure when the app is served over HTTPS", async () => {
    const account = await createAccount(served.services);
    const response = await mutation(
      "session.logIn",
      { email: account.email, password: account.password },
      { Origin: "https://phresh.example" },
    );
    // The origin is not ours: refused before any cookie is set.
    expect(response.status).toBe(403);
    const secureServices = await openTestServices({ appUrl: "https://phresh.example" });
    const secureServer = await startTestServer(secureServices);
    try {
      const secureAccount = await createAccount(secureServices);
      const secure = await fetch(`${secureServer.url}/api/trpc/session.logIn`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: "https://phresh.example" },
        body: JSON.stringify({ email: secureAccount.email, password: secureAccount.password }),
      });
      expect(secure.status).toBe(200);
      expect(secure.headers.get("set-cookie")).toMatch(/; Secure$/);
    } finally {
      await secureServer.close();
      await secureServices.close();
    }
  });

  it("refuses a cross-origin state-changing request that carries the cookie, and one without Origin", async () => {
    const { cookie } = await logInWithCookie();
    const create = { name: "Forged", price: 1 };
    const forged = await mutation("cleanings.create", create, {
      Cookie: cookie,
      Origin: "https://evil.example",
    });
    expect(forged.status).toBe(403);
    expect(
      ((await forged.json()) as { error: { data: { errorCode: string } } }).error.data.errorCode,
    ).toBe("CROSS_ORIGIN_REQUEST");
    const noOrigin = await fetch(`${served.server.url}/api/trpc/cleanings.create`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie },
      body: JSON.stringify(create),
    });
    expect(noOrigin.status).toBe(403);
    const sameOrigin = await mutation("cleanings.create", create, { Cookie: cookie });
    expect(sameOrigin.status).toBe(200);
  });

  it("refuses the cookie on the REST adapter's writes from another origin too", async () => {
    const { cookie } = await logInWithCookie();
    const response = await fetch(`${served.server.url}/api/cleanings`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Cookie: cookie,
        Origin: "https://evil.example",
      },
      body: JSON.stringify({ new_cleaning: { name: "Forged", price: 1 } }),
    });
    expect([response.status, await response.json()]).toEqual([
      403,
      { detail: "CROSS_ORIGIN_REQUEST" },
    ]);
  });

  it("accepts bearer-token writes without an Origin (API clients are not browsers)", async () => {
    const account = await createAccount(served.services);
    const response = await fetch(`${served.server.url}/api/trpc/cleanings.create`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${account.token}` },
      body: JSON.stringify({ name: "Scripted", price: 2 }),
    });
    expect(response.status).toBe(200);
  });

  it("logs out by revoking the token and clearing the cookie", async () => {
    const { cookie } = await logInWithCookie();
    const response = await mutation("session.logOut", {}, { Cookie: cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(
      /^phresh_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/,
    );
    expect((await me({ Cookie: cookie })).status).toBe(401);
  });

  it("logs out everywhere: the cookie and every other token of the user stop working", async () => {
    const { cookie, account } = await logInWithCookie();
    const response = await mutation("session.logOut", { everywhere: true }, { Cookie: cookie });
    expect(response.status).toBe(200);
    expect((await me({ Cookie: cookie })).status).toBe(401);
    expect((await me({ Authorization: `Bearer ${account.token}` })).status).toBe(401);
  });
});
