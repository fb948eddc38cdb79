// The floors of log-in (`POST /api/token`) and register (`POST /api/users`): a bare node:http
// server with the app's driver (pg, pool of 10), password library (argon2) and JWT library
// (jose), nothing in between. They tell how close to raw argon2id any server comes on this
// machine, with the load generator and PostgreSQL on the same cores, so that the app's log-in ÷
// verify and register ÷ hash read against what is possible. Argon2id runs with as many operations
// in flight as the machine has cores, the others waiting, as auth/hashing-queue.ts does.
// - same-work (`work: "same-work"`): what Phresh must do, statement for statement.
//   Log-in: one statement taking the address's allowance and a guess of both budgets and reading
//   the account (auth/password-guesses.ts), the verify, the guess given back, the signed token. Register: the address's allowance, the hash, one insert of
//   account, profile, verification token and mail (auth/new-account.ts); the e-mail and name
//   check only when a unique index refused it.
// - argon2-only (`work: "argon2-only"`): the body read and argon2id's verify or hash, no database
//   and no token: the physical limit of a password route served over HTTP here.
// Run as its own process: `node --import tsx password-floor-server.ts '<json options>'`.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import os from "node:os";
import argon2 from "argon2";
import { SignJWT } from "jose";
import type pg from "pg";
import type { PasswordFloorWork } from "../server.ts";
import { APP_HASH_OPTIONS } from "./argon2.ts";
import { type FloorProcessOptions, floorSetUp, hmacKey, send, serveFloor } from "./floor-server.ts";

const { options, pool } = floorSetUp<
  FloorProcessOptions & { work: PasswordFloorWork; appUrl: string }
>();
const key = await hmacKey(options.secretKey, "sign");

// The app's defaults (packages/config, auth/rate-limits.ts, auth/password-guesses.ts).
const TOKEN_LIFETIME_SECONDS = 3600;
const LOG_INS_PER_ADDRESS = { prefix: "login_address", points: 20, windowMs: 60_000 };
const REGISTRATIONS_PER_ADDRESS = { prefix: "register_address", points: 10, windowMs: 3_600_000 };
const ACCOUNT_TOKEN_LIFETIME_MS = 3_600_000;
const PAIR_BUDGET = { limit: 10, windowMs: 15 * 60_000 };
const ACCOUNT_BUDGET = { limit: 100, windowMs: 60 * 60_000 };

/** At most one argon2id operation per core at once, the others waiting their turn. */
const slots = os.availableParallelism();
let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(operation: () => Promise<T>): Promise<T> {
  if (running < slots) running += 1;
  // The finishing operation hands its slot over: `running` stays as it is.
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await operation();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

const verifyInTurn = (hash: string, password: string) =>
  inTurn(() => argon2.verify(hash, password));
const hashInTurn = (password: string) => inTurn(() => argon2.hash(password, APP_HASH_OPTIONS));

/**
 * A statement prepared once per connection, as the app's are (packages/db names each statement,
 * so PostgreSQL parses and plans it once per connection, not per request).
 */
const prepared = <Row extends pg.QueryResultRow>(name: string, text: string, values: unknown[]) =>
  pool.query<Row>({ name, text, values });

type Allowance = { prefix: string; points: number; windowMs: number };

/** The statement of OneStatementRateLimiter._upsert; true while within the allowance. */
async function withinAllowance(allowance: Allowance, address: string): Promise<boolean> {
  const now = new Date();
  const { rows } = await prepared<{ points: number }>(
    "allowance",
    `INSERT INTO rate_limits (key, points, expire) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       points = CASE WHEN false OR rate_limits.expire <= $3
                     THEN EXCLUDED.points ELSE rate_limits.points + EXCLUDED.points END,
       expire = CASE WHEN false OR rate_limits.expire <= $3
                     THEN EXCLUDED.expire ELSE rate_limits.expire END
     RETURNING points, expire`,
    [`${allowance.prefix}:${address}`, new Date(now.getTime() + allowance.windowMs), now],
  );
  return (rows[0]?.points ?? Number.POSITIVE_INFINITY) <= allowance.points;
}

type Account = {
  id: string;
  hashed_password: string;
  is_active: boolean;
  is_verified: boolean;
  token_generation: number;
};

/** The whole row, as Prisma's findUnique reads it (argon2-only's hashes). */
async function account(email: string): Promise<Account | undefined> {
  const { rows } = await prepared<Account>(
    "account",
    `SELECT id, email, name, name_key, hashed_password, is_active, is_superuser, is_verified,
       token_generation, created_at, updated_at, marketplace_mails
     FROM users WHERE email = $1 LIMIT 1`,
    [email],
  );
  return rows[0];
}

const digest = (email: string) => createHash("sha256").update(email).digest("base64url");

type BudgetKeys = { pair: string; account: string };

/** Both budgets' keys: the pair (account and address) and the account's. */
const budgetKeys = (email: string, address: string): BudgetKeys => ({
  pair: `guesses_pair:${digest(email)}:${address}`,
  account: `guesses_account:${digest(email)}`,
});

type Reservation = Account & { allowed: boolean; taken: boolean };

/**
 * The statement of PasswordGuessBudgets.take: the address's allowance, a guess of the pair's
 * budget within it and of the account's after the pair's, and the whole account row.
 */
async function reserve(email: string, address: string, keys: BudgetKeys): Promise<Reservation> {
  const now = new Date();
  const restartOrAddOne = `
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rate_limits.expire <= $1 THEN 1 ELSE rate_limits.points + 1 END,
      expire = CASE WHEN rate_limits.expire <= $1 THEN EXCLUDED.expire ELSE rate_limits.expire END`;
  const countOne = (limit: string) => `${restartOrAddOne}
    WHERE rate_limits.expire <= $1 OR rate_limits.points < ${limit}
    RETURNING points`;
  const { rows } = await prepared<Reservation>(
    "reserve",
    `WITH allowance AS (
       INSERT INTO rate_limits (key, points, expire) VALUES ($2, 1, $3) ${restartOrAddOne}
       RETURNING points, expire
     ), pair AS (
       INSERT INTO rate_limits (key, points, expire)
       SELECT $4::varchar, 1, $5::timestamptz FROM allowance WHERE allowance.points <= $10
       ${countOne("$8")}
     ), account AS (
       INSERT INTO rate_limits (key, points, expire)
       SELECT $6::varchar, 1, $7::timestamptz WHERE EXISTS (SELECT FROM pair) ${countOne("$9")}
     )
     SELECT allowance.points <= $10 AS allowed, EXISTS (SELECT FROM account) AS taken, found.*
     FROM allowance LEFT JOIN LATERAL (
       SELECT id, email, name, name_key, hashed_password, is_active, is_superuser, is_verified,
         token_generation, created_at, updated_at, marketplace_mails
       FROM users WHERE email = $11
     ) AS found ON true`,
    [
      now,
      `${LOG_INS_PER_ADDRESS.prefix}:${address}`,
      new Date(now.getTime() + LOG_INS_PER_ADDRESS.windowMs),
      keys.pair,
      new Date(now.getTime() + PAIR_BUDGET.windowMs),
      keys.account,
      new Date(now.getTime() + ACCOUNT_BUDGET.windowMs),
      PAIR_BUDGET.limit,
      ACCOUNT_BUDGET.limit,
      LOG_INS_PER_ADDRESS.points,
      email,
    ],
  );
  return rows[0] as Reservation;
}

/** A right password's give-back statement. */
async function giveBackGuess(keys: BudgetKeys): Promise<void> {
  await prepared(
    "give-back-guess",
    `WITH forgotten AS (DELETE FROM rate_limits WHERE key = $1 RETURNING key)
     UPDATE rate_limits SET points = points - 1
     WHERE key = $2 AND points > 0 AND (SELECT count(*) FROM forgotten) >= 0`,
    [keys.pair, keys.account],
  );
}

function issueToken(userId: string, generation: number): Promise<string> {
  return new SignJWT({ gen: generation })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setAudience(["phresh:auth"])
    .setIssuer(options.issuer)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
    .setJti(randomUUID())
    .sign(key);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The client as the app reads it behind a trusted proxy on loopback: X-Forwarded-For's first. */
const clientAddress = (request: IncomingMessage) =>
  /^[^,\s]+/.exec(String(request.headers["x-forwarded-for"] ?? ""))?.[0] ??
  request.socket.remoteAddress ??
  "unknown";

const badCredentials = { detail: "LOGIN_BAD_CREDENTIALS" };
const tooManyRequests = { detail: "TOO_MANY_REQUESTS" };

async function logIn(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const form = new URLSearchParams(await readBody(request));
  const email = form.get("username") ?? "";
  const password = form.get("password") ?? "";
  if (options.work === "argon2-only") {
    const hash = await storedHash(email);
    const right = hash !== undefined && (await verifyInTurn(hash, password));
    return right
      ? send(response, 200, { token_type: "bearer" })
      : send(response, 400, badCredentials);
  }
  const address = clientAddress(request);
  const keys = budgetKeys(email, address);
  const user = await reserve(email, address, keys);
  if (!user.allowed) return send(response, 429, tooManyRequests);
  if (!user.id || !user.taken) return send(response, 400, badCredentials);
  const right = await verifyInTurn(user.hashed_password, password);
  if (!right || !user.is_active || !user.is_verified) return send(response, 400, badCredentials);
  await giveBackGuess(keys);
  // The app checks this too; a stale hash would be re-hashed, which the bench's never is.
  if (argon2.needsRehash(user.hashed_password, APP_HASH_OPTIONS))
    return send(response, 500, { detail: "the bench's hash should not need re-hashing" });
  send(response, 200, {
    access_token: await issueToken(user.id, user.token_generation),
    token_type: "bearer",
  });
}

/** argon2-only reads each account's hash once, then never touches the database again. */
const hashes = new Map<string, string | undefined>();
async function storedHash(email: string): Promise<string | undefined> {
  if (!hashes.has(email)) hashes.set(email, (await account(email))?.hashed_password);
  return hashes.get(email);
}

type NewUser = { email: string; name: string; password: string };

/** The app's answer for an account (auth/users.ts's toUser). */
const asUser = (row: Record<string, unknown>) => ({
  id: row.id,
  email: row.email,
  name: row.name,
  is_active: row.is_active,
  is_superuser: row.is_superuser,
  is_verified: row.is_verified,
  created_at: (row.created_at as Date).toISOString(),
  updated_at: (row.updated_at as Date).toISOString(),
});

/** The e-mail or name another account holds (the app's takenField), e-mail first. */
async function takenField(user: NewUser): Promise<"email" | "name" | undefined> {
  const { rows } = await prepared<{ email: string }>(
    "taken-field",
    "SELECT email FROM users WHERE (email = $1 OR name_key = $2) LIMIT 2",
    [user.email, user.name.toLowerCase()],
  );
  if (rows.some((row) => row.email === user.email)) return "email";
  return rows.length > 0 ? "name" : undefined;
}

/** The verification mail, as the app's mail/messages.ts writes it. */
function verificationMail(user: NewUser, token: string) {
  const url = `${options.appUrl}/verify?token=${encodeURIComponent(token)}`;
  const lines = [
    "Please confirm that this is your address by opening the link below.",
    "The link works once, for one hour.",
  ];
  return {
    subject: "Verify your Phresh e-mail address",
    text: [`Hello ${user.name},`, "", ...lines, "", url, "", "— Phresh"].join("\n"),
    html: `<!doctype html><html><body style="font-family:sans-serif">
<p>Hello ${user.name},</p>
${lines.map((line) => `<p>${line}</p>`).join("\n")}
<p><a href="${url}">Verify my address</a></p>
<p>— Phresh</p>
</body></html>`,
  };
}

/** The insert of auth/new-account.ts: account, profile, token and mail in one statement. */
async function insertAccount(user: NewUser, hashedPassword: string) {
  const token = randomBytes(32).toString("base64url");
  const mail = verificationMail(user, token);
  const { rows } = await prepared(
    "insert-account",
    `WITH account AS (
       INSERT INTO users (id, email, name, name_key, hashed_password, is_superuser)
       VALUES ($1::uuid, $2, $3, $4, $5, false)
       RETURNING *
     ), profile AS (
       INSERT INTO profiles (user_id) SELECT id FROM account
     ), token AS (
       INSERT INTO account_tokens (token_hash, purpose, user_id, email, expires_at)
       SELECT $6, 'verify_email'::"AccountTokenPurpose", id, $2, $7 FROM account
     ), mail AS (
       INSERT INTO mail_outbox ("to", subject, text, html)
       SELECT $2, $8, $9, $10 FROM account
     )
     SELECT * FROM account`,
    [
      randomUUID(),
      user.email,
      user.name,
      user.name.toLowerCase(),
      hashedPassword,
      createHash("sha256").update(token).digest("hex"),
      new Date(Date.now() + ACCOUNT_TOKEN_LIFETIME_MS),
      mail.subject,
      mail.text,
      mail.html,
    ],
  );
  return rows[0] as Record<string, unknown>;
}

async function register(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = JSON.parse(await readBody(request)) as { new_user?: Partial<NewUser> };
  const { email, name, password } = body.new_user ?? {};
  if (!email || !name || !password) return send(response, 422, { detail: "invalid new_user" });
  const user = { email: email.toLowerCase(), name, password };
  if (options.work === "argon2-only") {
    await hashInTurn(password);
    return send(response, 201, { email: user.email, name });
  }
  if (!(await withinAllowance(REGISTRATIONS_PER_ADDRESS, clientAddress(request))))
    return send(response, 429, tooManyRequests);
  try {
    send(response, 201, asUser(await insertAccount(user, await hashInTurn(password))));
  } catch (error) {
    // A unique index refused the account: only then is the holder looked up, as the app does.
    if ((error as { code?: unknown }).code !== "23505") throw error;
    send(response, 400, { detail: `REGISTER_${(await takenField(user))?.toUpperCase()}_TAKEN` });
  }
}

const routes: Record<
  string,
  (request: IncomingMessage, response: ServerResponse) => Promise<void>
> = { "/api/token": logIn, "/api/users": register };

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const route = request.method === "POST" ? routes[request.url ?? ""] : undefined;
  if (!route) return send(response, 404, { detail: "Not Found" });
  await route(request, response);
}

serveFloor("password floor server", options.port, pool, answer);
