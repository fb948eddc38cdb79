// The floors of "GET a cleaning" (issue 14): a bare node:http server with the app's driver (pg,
// pool of 10) and JWT library (jose), answering the app's JSON with nothing in between.
// - same-work (`checkCaller: true`): what Phresh must do per request. It verifies the access
//   token as packages/api/src/auth/access-tokens.ts does, reads the caller and the token's
//   revocation in one statement and refuses as auth/authenticate.ts and the protected procedure
//   do (missing or inactive user, revoked token, older generation, unverified), then reads the
//   cleaning. The GET targets' denominator.
// - one-query (`checkCaller: false`): the token and the cleaning's statement only, no caller
//   check: the physical limit, kept in the report.
// Run as its own process: `node --import tsx floor-http-server.ts '<json options>'`.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { errors, jwtVerify } from "jose";
import { type CleaningWithOffersRow, toCleaningWithOffers } from "./cleaning-rows.ts";
import { type FloorProcessOptions, floorSetUp, hmacKey, send, serveFloor } from "./floor-server.ts";

const { options, pool } = floorSetUp<FloorProcessOptions & { checkCaller: boolean }>();
const cleaningStatement = readFileSync(
  new URL("cleaning-with-offers.sql", import.meta.url),
  "utf8",
);
const key = await hmacKey(options.secretKey, "verify");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_JTI_LENGTH = 64;

type Claims = { userId: string; jti: string; generation: number };

/** The claims of a token the app would accept on its signature and claims; undefined otherwise. */
async function verifyToken(authorization: string | undefined): Promise<Claims | undefined> {
  const token = /^Bearer +(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!token) return undefined;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      audience: "phresh:auth",
      issuer: options.issuer,
      requiredClaims: ["sub", "jti", "exp", "iat"],
    });
    const { sub, jti, gen } = payload as Record<string, unknown>;
    if (typeof sub !== "string" || !UUID.test(sub)) return undefined;
    if (typeof jti !== "string" || jti.length === 0 || jti.length > MAX_JTI_LENGTH)
      return undefined;
    if (typeof gen !== "number" || !Number.isSafeInteger(gen)) return undefined;
    return { userId: sub, jti, generation: gen };
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
    throw error;
  }
}

type CallerRow = {
  is_active: boolean;
  is_verified: boolean;
  token_generation: number;
  revoked: boolean;
};

/** The app's caller statement (auth/authenticate.ts): the whole user row, and the revocation. */
const CALLER_STATEMENT = `SELECT id, email, name, name_key, hashed_password, is_active, is_superuser,
  is_verified, token_generation, created_at, updated_at, marketplace_mails,
  EXISTS (SELECT 1 FROM revoked_access_tokens WHERE jti = $2) AS revoked
FROM users WHERE id = $1::uuid`;

/** 401 or 403 as the app refuses the caller; undefined when the caller may read. */
async function refuseCaller(claims: Claims): Promise<{ status: number; code: string } | undefined> {
  const { rows } = await pool.query<CallerRow>(CALLER_STATEMENT, [claims.userId, claims.jti]);
  const caller = rows[0];
  if (!caller?.is_active || caller.revoked || caller.token_generation !== claims.generation)
    return { status: 401, code: "UNAUTHORIZED" };
  if (!caller.is_verified) return { status: 403, code: "USER_NOT_VERIFIED" };
  return undefined;
}

async function answerFor(id: number, authorization: string | undefined, response: ServerResponse) {
  const claims = await verifyToken(authorization);
  if (!claims) return send(response, 401, { detail: "UNAUTHORIZED" });
  const refusal = options.checkCaller ? await refuseCaller(claims) : undefined;
  if (refusal) return send(response, refusal.status, { detail: refusal.code });
  const { rows } = await pool.query<CleaningWithOffersRow>(cleaningStatement, [id, claims.userId]);
  const cleaning = toCleaningWithOffers(rows);
  if (!cleaning) return send(response, 404, { detail: "CLEANING_NOT_FOUND" });
  send(response, 200, cleaning);
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const id = Number(/^\/api\/cleanings\/(\d+)$/.exec(request.url ?? "")?.[1]);
  if (request.method !== "GET" || !Number.isInteger(id) || id < 1 || id > 2_147_483_647)
    return send(response, 404, { detail: "Not Found" });
  await answerFor(id, request.headers.authorization, response);
}

serveFloor("floor server", options.port, pool, answer);
