// The legacy accounts contract (fastapi-users) over real HTTP: every case of the old service's
// user tests, log-in, tokens, verification and reset through the development mailbox.
import { testDatabaseKind } from "@phresh/db/testing";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACCESS_TOKEN_AUDIENCE } from "../auth/access-tokens.ts";
import { REVOCATION_CLOCK_MARGIN_MS } from "../auth/user-manager.ts";
import {
  createAccount,
  newAccountDetails,
  openTestServices,
  startTestServer,
  TEST_SECRET_KEY,
  type TestServer,
  type TestServices,
} from "../testing.ts";

let services: TestServices;
let server: TestServer;

// Everything the server logs during this file, to prove no secret ends up there.
const logged: string[] = [];
const secretsUsed = new Set<string>();

beforeAll(async () => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(
        args
          .map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg)))
          .join(" "),
      );
    });
  }
  services = await openTestServices();
  server = await startTestServer(services);
});

afterAll(async () => {
  await server.close();
  await services.close();
  vi.restoreAllMocks();
});

type Json = Record<string, unknown>;

/** Waits for the work the server does after answering (mails of forgot-password and request-verify). */
const settled = () => Promise.all([...services.backgroundTasks]);

async function call(
  method: string,
  path: string,
  options: {
    json?: unknown;
    form?: Record<string, string>;
    token?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

function remember<T extends { password: string }>(details: T): T {
  secretsUsed.add(details.password);
  return details;
}

async function register(details = remember(newAccountDetails())) {
  const response = await call("POST", "/api/users", { json: { new_user: details } });
  expect(response.status).toBe(201);
  return { ...details, user: response.body as Json & { id: string } };
}

async function logIn(email: string, password: string) {
  return call("POST", "/api/token", { form: { username: email, password } });
}

async function tokenFor(email: string, password: string): Promise<string> {
  const response = await logIn(email, password);
  expect(response.status).toBe(200);
  const token = (response.body as { access_token: string }).access_token;
  secretsUsed.add(token);
  return token;
}

/** The newest mail to `address` in the development mailbox, and the token of its link. */
async function latestLink(address: string, page: "verify" | "reset-password") {
  await settled();
  const outbox = await call("GET", "/api/dev/outbox");
  expect(outbox.status).toBe(200);
  const mail = (outbox.body as { to: string; text: string; html: string; subject: string }[]).find(
    (entry) => entry.to === address.toLowerCase() && entry.text.includes(`/${page}?token=`),
  );
  if (!mail) throw new Error(`no ${page} mail for ${address}`);
  const url = new URL(/https?:\/\/\S+/.exec(mail.text)?.[0] ?? "");
  expect(url.origin + url.pathname).toBe(`http://phresh.test/${page}`);
  expect(mail.html).toContain(`href="http://phresh.test/${page}?token=`);
  const token = url.searchParams.get("token") ?? "";
  secretsUsed.add(token);
  return { mail, token };
}

async function verifiedAccount() {
  const account = await register();
  const { token } = await latestLink(account.email, "verify");
  expect((await call("POST", "/api/users/verify", { json: { token } })).status).toBe(200);
  return { ...account, accessToken: await tokenFor(account.email, account.password) };
}

describe(`registration on ${testDatabaseKind}`, () => {
  it("answers OPTIONS /api/users with 204, POST allowed, and no body", async () => {
    const response = await call("OPTIONS", "/api/users");
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(response.headers.get("allow")?.split(", ")).toContain("POST");
  });

  it("stores a new user and returns it without any password or hash", async () => {
    const details = remember(newAccountDetails());
    const response = await call("POST", "/api/users", {
      json: { new_user: { ...details, email: details.email.toUpperCase() } },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: details.email,
      name: details.name,
      is_active: true,
      is_superuser: false,
      is_verified: false,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(response.text).not.toMatch(/password|argon2/i);
    const stored = await services.database.prisma.user.findUnique({
      where: { email: details.email },
    });
    expect(stored?.hashedPassword).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("refuses a duplicate e-mail in any letter case with 400 REGISTER_USER_ALREADY_EXISTS", async () => {
    const first = await register();
    const again = remember({ ...newAccountDetails(), email: first.email.toUpperCase() });
    const response = await call("POST", "/api/users", { json: { new_user: again } });
    expect([response.status, response.body]).toEqual([
      400,
      { detail: "REGISTER_USER_ALREADY_EXISTS" },
    ]);
  });

  it("refuses a duplicate name in any letter case with 400 REGISTER_NAME_ALREADY_EXISTS", async () => {
    const first = await register();
    const again = remember({ ...newAccountDetails(), name: first.name.toUpperCase() });
    const response = await call("POST", "/api/users", { json: { new_user: again } });
    expect([response.status, response.body]).toEqual([
      400,
      { detail: "REGISTER_NAME_ALREADY_EXISTS" },
    ]);
  });

  it.each([
    ["name", "sha"],
    ["name", "ab"],
    ["name", "a".repeat(28)],
    ["name", "shakira@#$%^<>"],
    ["email", "invalid_email@one@two.io"],
    ["password", "short"],
    ["password", `Aa1!${"x".repeat(140)}`],
    ["password", "pattern@"],
    ["password", "Abcdefghij!"],
    ["password", "1234567890!"],
    ["password", "abcdefgh12"],
  ])("refuses %s %j with 422 on that field, saying why", async (field, value) => {
    const details = { ...newAccountDetails(), [field]: value };
    const response = await call("POST", "/api/users", { json: { new_user: details } });
    expect(response.status).toBe(422);
    const { detail } = response.body as { detail: { loc: string[]; msg: string }[] };
    expect(detail.map((issue) => issue.loc)).toEqual([["body", "new_user", field]]);
    expect(detail[0]?.msg.length).toBeGreaterThan(5);
  });

  it("says which password rules are broken", async () => {
    const response = await call("POST", "/api/users", {
      json: { new_user: { ...newAccountDetails(), password: "abcdefghij" } },
    });
    const { detail } = response.body as { detail: { msg: string }[] };
    expect(detail[0]?.msg).toBe(
      "Password must have at least one digit, at least one special character (not a letter or digit)",
    );
  });

  it("creates exactly one account from 50 concurrent registrations of one e-mail", async () => {
    const email = newAccountDetails().email;
    const attempts = await Promise.all(
      Array.from({ length: 50 }, () =>
        call("POST", "/api/users", {
          json: { new_user: remember({ ...newAccountDetails(), email }) },
        }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(49);
    expect(await services.database.prisma.user.count({ where: { email } })).toBe(1);
  });
});

describe(`log-in on ${testDatabaseKind}`, () => {
  it("refuses an unknown e-mail and a wrong password alike", async () => {
    const account = await register();
    for (const [email, password] of [
      ["nobody-here@example.com", account.password],
      [account.email, "Wrong-password-1"],
    ]) {
      const response = await logIn(email ?? "", password ?? "");
      expect([response.status, response.body]).toEqual([400, { detail: "LOGIN_BAD_CREDENTIALS" }]);
    }
  });

  it("refuses an unverified account with LOGIN_USER_NOT_VERIFIED", async () => {
    const account = await register();
    const response = await logIn(account.email, account.password);
    expect([response.status, response.body]).toEqual([400, { detail: "LOGIN_USER_NOT_VERIFIED" }]);
  });

  it("refuses an inactive account as bad credentials", async () => {
    const account = await verifiedAccount();
    await services.database.prisma.user.update({
      where: { id: account.user.id },
      data: { isActive: false },
    });
    const response = await logIn(account.email, account.password);
    expect([response.status, response.body]).toEqual([400, { detail: "LOGIN_BAD_CREDENTIALS" }]);
  });

  it("gives a verified account a bearer token, whatever the letter case of the e-mail", async () => {
    const account = await verifiedAccount();
    const response = await logIn(account.email.toUpperCase(), account.password);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ access_token: expect.any(String), token_type: "bearer" });
    const me = await call("GET", "/api/users/me", {
      token: (response.body as { access_token: string }).access_token,
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: account.email, is_verified: true });
  });

  it("answers a missing form field with 422 on that field", async () => {
    const response = await call("POST", "/api/token", {
      form: { username: "someone@example.com" },
    });
    expect(response.status).toBe(422);
    expect(
      (response.body as { detail: { loc: string[] }[] }).detail.map((issue) => issue.loc),
    ).toEqual([["body", "password"]]);
  });

  it("re-hashes a password made with older parameters at log-in", async () => {
    const account = await verifiedAccount();
    const argon2 = (await import("argon2")).default;
    const weak = await argon2.hash(account.password, {
      type: argon2.argon2id,
      memoryCost: 8192,
      timeCost: 1,
      parallelism: 1,
    });
    await services.database.prisma.user.update({
      where: { id: account.user.id },
      data: { hashedPassword: weak },
    });
    await tokenFor(account.email, account.password);
    const stored = await services.database.prisma.user.findUnique({
      where: { id: account.user.id },
    });
    expect(stored?.hashedPassword).toMatch(/\$m=19456,t=2,p=1\$/);
  });
});

describe(`access tokens on ${testDatabaseKind}`, () => {
  const key = new TextEncoder().encode(TEST_SECRET_KEY);
  const sign = (
    claims: Json,
    options: { audience?: string; issuer?: string; expires?: string; secret?: Uint8Array } = {},
  ) =>
    new SignJWT({ gen: 0, ...claims })
      .setProtectedHeader({ alg: "HS256" })
      .setAudience(options.audience ?? ACCESS_TOKEN_AUDIENCE)
      .setIssuer(options.issuer ?? "phresh")
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .setExpirationTime(options.expires ?? "1h")
      .sign(options.secret ?? key);

  async function expectUnauthorized(headers: Record<string, string>) {
    const response = await call("GET", "/api/users/me", { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(response.body).toEqual({ detail: "UNAUTHORIZED" });
  }

  it("refuses /me without a header, and with the schemes Token, JWT and Swearer", async () => {
    const account = await verifiedAccount();
    await expectUnauthorized({});
    for (const scheme of ["Token", "JWT", "Swearer"]) {
      await expectUnauthorized({ Authorization: `${scheme} ${account.accessToken}` });
    }
    expect((await call("GET", "/api/users/me", { token: account.accessToken })).status).toBe(200);
  });

  it("refuses a forged signature, alg none, a wrong audience or issuer, and an expired token", async () => {
    const account = await verifiedAccount();
    const sub = account.user.id;
    const [header, payload] = account.accessToken.split(".");
    const algNone = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${payload}.`;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub, gen: 0, aud: [ACCESS_TOKEN_AUDIENCE], iss: "phresh", exp: 9_999_999_999, jti: "x", iat: 1 })).toString("base64url")}.${account.accessToken.split(".")[2]}`;
    const tokens = [
      await sign(
        { sub },
        { secret: new TextEncoder().encode("another-secret-key-of-enough-length-000") },
      ),
      algNone,
      tampered,
      await sign({ sub }, { audience: "fastapi-users:auth" }),
      await sign({ sub }, { issuer: "someone-else" }),
      await sign({ sub }, { expires: "-10s" }),
      "not.a.token",
    ];
    for (const token of tokens) await expectUnauthorized({ Authorization: `Bearer ${token}` });
    // The same claims, correctly signed, are accepted: the refusals above are for the defects.
    expect((await call("GET", "/api/users/me", { token: await sign({ sub }) })).status).toBe(200);
  });

  it("kills exactly the token that logs out", async () => {
    const account = await verifiedAccount();
    const other = await tokenFor(account.email, account.password);
    const logout = await call("POST", "/api/token/logout", { token: account.accessToken });
    expect([logout.status, logout.text]).toEqual([204, ""]);
    await expectUnauthorized({ Authorization: `Bearer ${account.accessToken}` });
    expect((await call("POST", "/api/token/logout", { token: account.accessToken })).status).toBe(
      401,
    );
    expect((await call("GET", "/api/users/me", { token: other })).status).toBe(200);
  });

  it("kills every token of the user on logout-all, and a new log-in works", async () => {
    const account = await verifiedAccount();
    const other = await tokenFor(account.email, account.password);
    expect(
      (await call("POST", "/api/token/logout-all", { token: account.accessToken })).status,
    ).toBe(204);
    await expectUnauthorized({ Authorization: `Bearer ${account.accessToken}` });
    await expectUnauthorized({ Authorization: `Bearer ${other}` });
    const fresh = await tokenFor(account.email, account.password);
    expect((await call("GET", "/api/users/me", { token: fresh })).status).toBe(200);
  });

  it("rejects the tokens of a deactivated user at once", async () => {
    const account = await verifiedAccount();
    const admin = await createAccount(services, { superuser: true });
    const deactivate = await call("PATCH", `/api/users/${account.user.id}`, {
      token: admin.token,
      json: { is_active: false },
    });
    expect(deactivate.status).toBe(200);
    await expectUnauthorized({ Authorization: `Bearer ${account.accessToken}` });
  });

  it("forgets revocation records once their tokens have expired on every instance's clock", async () => {
    const account = await verifiedAccount();
    const expiredAgo = (ms: number) => new Date(Date.now() - ms);
    await services.database.prisma.revokedAccessToken.createMany({
      data: [
        { jti: "long-gone", expiresAt: expiredAgo(REVOCATION_CLOCK_MARGIN_MS + 60_000) },
        // Still unexpired to an instance whose clock runs a minute behind.
        { jti: "just-gone", expiresAt: expiredAgo(60_000) },
      ],
    });
    await call("POST", "/api/token/logout", { token: account.accessToken });
    const left = await services.database.prisma.revokedAccessToken.findMany({
      where: { jti: { in: ["long-gone", "just-gone"] } },
    });
    expect(left.map(({ jti }) => jti)).toEqual(["just-gone"]);
  });
});

describe(`verification through the development mailbox on ${testDatabaseKind}`, () => {
  it("verifies with the mailed link once; a second use says already verified", async () => {
    const account = await register();
    const { mail, token } = await latestLink(account.email, "verify");
    expect(mail.subject).toBe("Verify your Phresh e-mail address");
    const verified = await call("POST", "/api/users/verify", { json: { token } });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ id: account.user.id, is_verified: true });
    const again = await call("POST", "/api/users/verify", { json: { token } });
    expect([again.status, again.body]).toEqual([400, { detail: "VERIFY_USER_ALREADY_VERIFIED" }]);
  });

  it("refuses an unknown or expired verification token", async () => {
    const account = await register();
    const { token } = await latestLink(account.email, "verify");
    const unknown = await call("POST", "/api/users/verify", { json: { token: "made-up-token" } });
    expect([unknown.status, unknown.body]).toEqual([400, { detail: "VERIFY_USER_BAD_TOKEN" }]);
    await services.database.prisma.accountToken.updateMany({
      where: { userId: account.user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await call("POST", "/api/users/verify", { json: { token } });
    expect([expired.status, expired.body]).toEqual([400, { detail: "VERIFY_USER_BAD_TOKEN" }]);
  });

  it("answers request-verify-token with 202 for known and unknown addresses, mailing only the known", async () => {
    const account = await register();
    const before = await services.database.prisma.outboxMail.count();
    const unknown = await call("POST", "/api/users/request-verify-token", {
      json: { email: "no-such-person@example.com" },
    });
    expect([unknown.status, unknown.body]).toEqual([202, null]);
    expect(await services.database.prisma.outboxMail.count()).toBe(before);
    const known = await call("POST", "/api/users/request-verify-token", {
      json: { email: account.email.toUpperCase() },
    });
    expect([known.status, known.body]).toEqual([202, null]);
    const { token } = await latestLink(account.email, "verify");
    expect((await call("POST", "/api/users/verify", { json: { token } })).status).toBe(200);
  });

  it("answers request-verify-token and forgot-password without an e-mail with 422", async () => {
    for (const path of ["/api/users/request-verify-token", "/api/users/forgot-password"]) {
      const response = await call("POST", path, { json: {} });
      expect(response.status).toBe(422);
      expect((response.body as { detail: { loc: string[] }[] }).detail[0]?.loc).toEqual([
        "body",
        "email",
      ]);
    }
  });
});

describe(`password reset through the development mailbox on ${testDatabaseKind}`, () => {
  it("resets once with the mailed link, revokes every access token, and voids older links", async () => {
    const account = await verifiedAccount();
    expect(
      (await call("POST", "/api/users/forgot-password", { json: { email: account.email } })).status,
    ).toBe(202);
    const older = await latestLink(account.email, "reset-password");
    expect(
      (await call("POST", "/api/users/forgot-password", { json: { email: account.email } })).status,
    ).toBe(202);
    const { mail, token } = await latestLink(account.email, "reset-password");
    expect(mail.subject).toBe("Reset your Phresh password");
    expect(token).not.toBe(older.token);

    const newPassword = remember({ password: "Brand-new-pass-9" }).password;
    const reset = await call("POST", "/api/users/reset-password", {
      json: { token, password: newPassword },
    });
    expect(reset.status).toBe(200);

    expect((await call("GET", "/api/users/me", { token: account.accessToken })).status).toBe(401);
    expect((await logIn(account.email, account.password)).status).toBe(400);
    await tokenFor(account.email, newPassword);

    const reused = await call("POST", "/api/users/reset-password", {
      json: { token, password: "Another-pass-99" },
    });
    expect([reused.status, reused.body]).toEqual([400, { detail: "RESET_PASSWORD_BAD_TOKEN" }]);
    const olderLink = await call("POST", "/api/users/reset-password", {
      json: { token: older.token, password: "Another-pass-99" },
    });
    expect([olderLink.status, olderLink.body]).toEqual([
      400,
      { detail: "RESET_PASSWORD_BAD_TOKEN" },
    ]);
  });

  it("refuses a new password that breaks the policy, saying why, and keeps the link usable", async () => {
    const account = await verifiedAccount();
    await call("POST", "/api/users/forgot-password", { json: { email: account.email } });
    const { token } = await latestLink(account.email, "reset-password");
    const weak = await call("POST", "/api/users/reset-password", {
      json: { token, password: "weakpassword" },
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toEqual({
      detail: {
        code: "RESET_PASSWORD_INVALID_PASSWORD",
        reason: expect.stringContaining("at least one digit"),
      },
    });
    expect(
      (
        await call("POST", "/api/users/reset-password", {
          json: { token, password: "Strong-enough-1" },
        })
      ).status,
    ).toBe(200);
  });

  it("refuses an expired reset link, and a link made before the password changed", async () => {
    const account = await verifiedAccount();
    await call("POST", "/api/users/forgot-password", { json: { email: account.email } });
    const { token } = await latestLink(account.email, "reset-password");
    const changed = await call("PATCH", "/api/users/me", {
      token: account.accessToken,
      json: { password: "Changed-pass-77", current_password: account.password },
    });
    expect(changed.status).toBe(200);
    const afterChange = await call("POST", "/api/users/reset-password", {
      json: { token, password: "Another-pass-99" },
    });
    expect([afterChange.status, afterChange.body]).toEqual([
      400,
      { detail: "RESET_PASSWORD_BAD_TOKEN" },
    ]);

    await call("POST", "/api/users/forgot-password", { json: { email: account.email } });
    const fresh = await latestLink(account.email, "reset-password");
    await services.database.prisma.accountToken.updateMany({
      where: { userId: account.user.id, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await call("POST", "/api/users/reset-password", {
      json: { token: fresh.token, password: "Another-pass-99" },
    });
    expect([expired.status, expired.body]).toEqual([400, { detail: "RESET_PASSWORD_BAD_TOKEN" }]);
  });

  it("answers forgot-password for an unknown address with the same 202 and mails nothing", async () => {
    const before = await services.database.prisma.outboxMail.count();
    const response = await call("POST", "/api/users/forgot-password", {
      json: { email: "nobody-at-all@example.com" },
    });
    expect([response.status, response.body]).toEqual([202, null]);
    expect(await services.database.prisma.outboxMail.count()).toBe(before);
  });
});

describe(`the caller's own account on ${testDatabaseKind}`, () => {
  it("changes the name with the current password, and refuses a wrong one", async () => {
    const account = await verifiedAccount();
    const newName = `n_${account.name}`.slice(0, 20);
    const wrong = await call("PATCH", "/api/users/me", {
      token: account.accessToken,
      json: { name: newName, current_password: "Not-my-pass-1" },
    });
    expect([wrong.status, wrong.body]).toEqual([
      400,
      { detail: "UPDATE_USER_BAD_CURRENT_PASSWORD" },
    ]);
    const right = await call("PATCH", "/api/users/me", {
      token: account.accessToken,
      json: { name: newName, current_password: account.password },
    });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ name: newName });
  });

  it("clears is_verified when the e-mail changes and mails the new address", async () => {
    const account = await verifiedAccount();
    const newEmail = newAccountDetails().email;
    const response = await call("PATCH", "/api/users/me", {
      token: account.accessToken,
      json: { email: newEmail.toUpperCase(), current_password: account.password },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ email: newEmail, is_verified: false });
    const { token } = await latestLink(newEmail, "verify");
    expect((await call("POST", "/api/users/verify", { json: { token } })).status).toBe(200);
  });

  it("refuses an e-mail that another account has, and a new password that breaks the policy with 400 {code, reason}", async () => {
    const account = await verifiedAccount();
    const other = await register();
    const taken = await call("PATCH", "/api/users/me", {
      token: account.accessToken,
      json: { email: other.email, current_password: account.password },
    });
    expect([taken.status, taken.body]).toEqual([
      400,
      { detail: "UPDATE_USER_EMAIL_ALREADY_EXISTS" },
    ]);
    const weak = await call("PATCH", "/api/users/me", {
      token: account.accessToken,
      json: { password: "weak", current_password: account.password },
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toEqual({
      detail: {
        code: "UPDATE_USER_INVALID_PASSWORD",
        reason: expect.stringContaining("10 to 30 characters"),
      },
    });
  });
});

describe(`superusers' routes on ${testDatabaseKind}`, () => {
  it("answers 401 anonymous, 403 for ordinary users, 404 unknown, 422 malformed id", async () => {
    const target = await register();
    const ordinary = await createAccount(services);
    const admin = await createAccount(services, { superuser: true });
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const json = method === "PATCH" ? { name: "whatever" } : undefined;
      expect((await call(method, `/api/users/${target.user.id}`, { json })).status).toBe(401);
      const forbidden = await call(method, `/api/users/${target.user.id}`, {
        json,
        token: ordinary.token,
      });
      expect([forbidden.status, forbidden.body]).toEqual([403, { detail: "FORBIDDEN" }]);
      const missing = await call(method, `/api/users/${crypto.randomUUID()}`, {
        json,
        token: admin.token,
      });
      expect([missing.status, missing.body]).toEqual([404, { detail: "USER_NOT_FOUND" }]);
      const malformed = await call(method, "/api/users/not-a-uuid", { json, token: admin.token });
      expect(malformed.status).toBe(422);
      expect((malformed.body as { detail: { loc: string[] }[] }).detail[0]?.loc).toEqual([
        "path",
        "id",
      ]);
    }
  });

  it("reads, changes and deletes any account with 200, 200 and 204", async () => {
    const target = await register();
    const admin = await createAccount(services, { superuser: true });
    const read = await call("GET", `/api/users/${target.user.id}`, { token: admin.token });
    expect([read.status, (read.body as Json).email]).toEqual([200, target.email]);
    const changed = await call("PATCH", `/api/users/${target.user.id}`, {
      token: admin.token,
      json: { is_verified: true },
    });
    expect([changed.status, (changed.body as Json).is_verified]).toEqual([200, true]);
    const deleted = await call("DELETE", `/api/users/${target.user.id}`, { token: admin.token });
    expect([deleted.status, deleted.text]).toEqual([204, ""]);
    expect((await call("GET", `/api/users/${target.user.id}`, { token: admin.token })).status).toBe(
      404,
    );
  });

  it("serves /api/users/me from its own routes, not from /api/users/{id}", async () => {
    const options = await call("OPTIONS", "/api/users/me");
    expect(options.headers.get("allow")).toBe("GET, PATCH, OPTIONS");
  });
});

describe(`request size on account routes on ${testDatabaseKind}`, () => {
  it("refuses a registration over 16 KiB with 413 and creates no account", async () => {
    const details = remember(newAccountDetails());
    const padded = { new_user: { ...details, padding: "x".repeat(16 * 1024) } };
    const refused = await call("POST", "/api/users", { json: padded });
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual({ detail: "REQUEST_TOO_LARGE" });
    // Nothing was stored: the same details register now.
    await register(details);
  });

  it("refuses a log-in form over 16 KiB with 413, and answers one just under it", async () => {
    const account = await register();
    const form = (size: number) => ({
      username: account.email,
      password: "Wrong-password-1",
      padding: "x".repeat(size),
    });
    expect((await call("POST", "/api/token", { form: form(16 * 1024) })).status).toBe(413);
    const under = await call("POST", "/api/token", { form: form(15 * 1024) });
    expect(under.body).toEqual({ detail: "LOGIN_BAD_CREDENTIALS" });
  });
});

describe("logs", () => {
  it("contain no password, hash or token used in this file", async () => {
    const hashes = (
      await services.database.prisma.user.findMany({ select: { hashedPassword: true } })
    ).map((user) => user.hashedPassword);
    const everything = logged.join("\n");
    for (const secret of [...secretsUsed, ...hashes]) expect(everything).not.toContain(secret);
    expect(secretsUsed.size).toBeGreaterThan(50);
  });
});
