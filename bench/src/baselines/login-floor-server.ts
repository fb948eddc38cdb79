// The floors of "log in" (`POST /api/token`): a bare node:http server with the app's driver (pg,
// pool of 10), password library (argon2) and JWT library (jose), nothing in between. They tell
// how close to raw argon2id any server can come on this machine, with the load generator and
// PostgreSQL on the same cores, so that the app's log-in ÷ verify reads against what is possible.
// - same-work (`work: "same-work"`): what a Phresh log-in must do, statement for statement: the
//   address's allowance (auth/rate-limits.ts), the account (auth/user-manager.ts), the reservation
//   of a guess of both budgets (auth/password-guesses.ts), argon2id's verify with as many in flight
//   as the machine has cores (auth/hashing-queue.ts), the guess given back, the signed token.
// - verify-only (`work: "verify-only"`): the form read and argon2id's verify, no database and no
//   token: the physical limit of a password route served over HTTP here.
// Run as its own process: `node --import tsx login-floor-server.ts '<json options>'`.
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import os from "node:os";
import argon2 from "argon2";
import { SignJWT } from "jose";
import pg from "pg";
import { APP_HASH_OPTIONS } from "./argon2.ts";

type LogInFloorWork = "same-work" | "verify-only";

type Options = {
  port: number;
  databaseUrl: string;
  secretKey: string;
  issuer: string;
  work: LogInFloorWork;
};

const options = JSON.parse(process.argv[2] ?? "{}") as Options;
const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
const key = await crypto.subtle.importKey(
  "raw",
  new TextEncoder().encode(options.secretKey),
  { name: "HMAC", hash: "SHA-256" },
  false,
  ["sign"],
);

// The app's defaults (packages/config, auth/rate-limits.ts, auth/password-guesses.ts).
const TOKEN_LIFETIME_SECONDS = 3600;
const LOG_INS_PER_ADDRESS = { points: 20, windowMs: 60_000 };
const PAIR_BUDGET = { limit: 10, windowMs: 15 * 60_000 };
const ACCOUNT_BUDGET = { limit: 100, windowMs: 60 * 60_000 };

/** At most one verify per core at once, the others waiting their turn, as the app's queue does. */
const verifySlots = os.availableParallelism();
let verifying = 0;
const waitingToVerify: (() => void)[] = [];

async function verifyInTurn(hash: string, password: string): Promise<boolean> {
  if (verifying < verifySlots) verifying += 1;
  // The finishing verify hands its slot over: `verifying` stays as it is.
  else await new Promise<void>((resolve) => waitingToVerify.push(resolve));
  try {
    return await argon2.verify(hash, password);
  } finally {
    const next = waitingToVerify.shift();
    if (next) next();
    else verifying -= 1;
  }
}

/** The statement of OneStatementRateLimiter._upsert; true while within the allowance. */
async function withinAllowance(address: string): Promise<boolean> {
  const now = new Date();
  const { rows } = await pool.query<{ points: number }>(
    `INSERT INTO rate_limits (key, points, expire) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       points = CASE WHEN false OR rate_limits.expire <= $3
                     THEN EXCLUDED.points ELSE rate_limits.points + EXCLUDED.points END,
       expire = CASE WHEN false OR rate_limits.expire <= $3
                     THEN EXCLUDED.expire ELSE rate_limits.expire END
     RETURNING points, expire`,
    [`login_address:${address}`, new Date(now.getTime() + LOG_INS_PER_ADDRESS.windowMs), now],
  );
  return (rows[0]?.points ?? Number.POSITIVE_INFINITY) <= LOG_INS_PER_ADDRESS.points;
}

type Account = {
  id: string;
  hashed_password: string;
  is_active: boolean;
  is_verified: boolean;
  token_generation: number;
};

/** The whole row, as Prisma's findUnique reads it. */
async function account(email: string): Promise<Account | undefined> {
  const { rows } = await pool.query<Account>(
    `SELECT id, email, name, name_key, hashed_password, is_active, is_superuser, is_verified,
       token_generation, created_at, updated_at, marketplace_mails
     FROM users WHERE email = $1 LIMIT 1`,
    [email],
  );
  return rows[0];
}

const digest = (email: string) => createHash("sha256").update(email).digest("base64url");

/** Both budgets' keys: the pair (account and address) and the account's. */
const budgetKeys = (email: string, address: string) => ({
  pair: `guesses_pair:${digest(email)}:${address}`,
  account: `guesses_account:${digest(email)}`,
});

/** The reservation statement of PasswordGuessBudgets.take. */
async function takeGuess(email: string, address: string): Promise<boolean> {
  const now = new Date();
  const keys = budgetKeys(email, address);
  const countOne = (limit: string) => `
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rate_limits.expire <= $5 THEN 1 ELSE rate_limits.points + 1 END,
      expire = CASE WHEN rate_limits.expire <= $5 THEN EXCLUDED.expire ELSE rate_limits.expire END
    WHERE rate_limits.expire <= $5 OR rate_limits.points < ${limit}
    RETURNING points`;
  const { rows } = await pool.query<{ pair: boolean; account: boolean }>(
    `WITH pair AS (
       INSERT INTO rate_limits (key, points, expire) VALUES ($1, 1, $2) ${countOne("$6")}
     ), account AS (
       INSERT INTO rate_limits (key, points, expire)
       SELECT $3::varchar, 1, $4::timestamptz WHERE EXISTS (SELECT FROM pair) ${countOne("$7")}
     )
     SELECT EXISTS (SELECT FROM pair) AS pair, EXISTS (SELECT FROM account) AS account`,
    [
      keys.pair,
      new Date(now.getTime() + PAIR_BUDGET.windowMs),
      keys.account,
      new Date(now.getTime() + ACCOUNT_BUDGET.windowMs),
      now,
      PAIR_BUDGET.limit,
      ACCOUNT_BUDGET.limit,
    ],
  );
  return rows[0]?.pair === true && rows[0].account === true;
}

/** A right password's give-back statement. */
async function giveBackGuess(email: string, address: string): Promise<void> {
  const keys = budgetKeys(email, address);
  await pool.query(
    `WITH forgotten AS (DELETE FROM rate_limits WHERE key = $1)
     UPDATE rate_limits SET points = points - 1 WHERE key = $2 AND points > 0`,
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

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** The client as the app reads it behind a trusted proxy on loopback: X-Forwarded-For's first. */
const clientAddress = (request: IncomingMessage) =>
  /^[^,\s]+/.exec(String(request.headers["x-forwarded-for"] ?? ""))?.[0] ??
  request.socket.remoteAddress ??
  "unknown";

const badCredentials = { detail: "LOGIN_BAD_CREDENTIALS" };

async function logIn(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const form = await readForm(request);
  const email = form.get("username") ?? "";
  const password = form.get("password") ?? "";
  if (options.work === "verify-only") {
    const hash = await storedHash(email);
    const right = hash !== undefined && (await verifyInTurn(hash, password));
    return right
      ? send(response, 200, { token_type: "bearer" })
      : send(response, 400, badCredentials);
  }
  const address = clientAddress(request);
  if (!(await withinAllowance(address)))
    return send(response, 429, { detail: "TOO_MANY_REQUESTS" });
  const user = await account(email);
  if (!user || !(await takeGuess(email, address))) return send(response, 400, badCredentials);
  const right = await verifyInTurn(user.hashed_password, password);
  if (!right || !user.is_active || !user.is_verified) return send(response, 400, badCredentials);
  await giveBackGuess(email, address);
  // The app checks this too; a stale hash would be re-hashed, which the bench's never is.
  if (argon2.needsRehash(user.hashed_password, APP_HASH_OPTIONS))
    return send(response, 500, { detail: "the bench's hash should not need re-hashing" });
  send(response, 200, {
    access_token: await issueToken(user.id, user.token_generation),
    token_type: "bearer",
  });
}

/** verify-only reads each account's hash once, then never touches the database again. */
const hashes = new Map<string, string | undefined>();
async function storedHash(email: string): Promise<string | undefined> {
  if (!hashes.has(email)) hashes.set(email, (await account(email))?.hashed_password);
  return hashes.get(email);
}

const server = createServer((request, response) => {
  if (request.method !== "POST" || request.url !== "/api/token") {
    send(response, 404, { detail: "Not Found" });
    return;
  }
  logIn(request, response).catch((error: unknown) => {
    console.error("log-in floor server: request failed:", error);
    send(response, 500, { detail: "INTERNAL_SERVER_ERROR" });
  });
});

server.listen(options.port, "127.0.0.1", () => {
  console.log(`log-in floor server listening on 127.0.0.1:${options.port}`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  });
}
