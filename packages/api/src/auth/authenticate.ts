// Who is calling: the user behind a bearer token, when the token is ours, unexpired, not
// revoked, of the user's current generation, and the user exists and is active.
import type { Database, User as UserRow } from "@phresh/db";
import type { Services } from "../services.ts";
import type { AccessTokenClaims } from "./access-tokens.ts";
import type { CallerCache } from "./caller-cache.ts";
import { USER_COLUMNS } from "./user-columns.ts";

export type Authenticated = { user: UserRow; token: AccessTokenClaims };

/** The token's user, and whether the token itself was revoked. */
export type CallerRow = UserRow & { revoked: boolean };

/** The token of an `Authorization: Bearer <token>` header; undefined for any other scheme. */
export function bearerToken(authorization: string | null): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1];
}

export async function authenticate(
  services: Pick<Services, "database" | "accessTokens" | "callerCache">,
  token: string | undefined,
): Promise<Authenticated | undefined> {
  if (!token) return undefined;
  const claims = await services.accessTokens.verify(token);
  if (!claims) return undefined;
  const found = await findCallerThroughCache(services.database.sql, services.callerCache, claims);
  if (!found?.isActive || found.revoked || found.tokenGeneration !== claims.generation)
    return undefined;
  const { revoked: _, ...user } = found;
  return { user, token: claims };
}

async function findCallerThroughCache(
  sql: Database["sql"],
  callers: CallerCache,
  claims: Pick<AccessTokenClaims, "userId" | "jti">,
): Promise<CallerRow | undefined> {
  const cached = callers.lookup(claims.userId, claims.jti);
  if (cached) return cached;
  const ticket = callers.fillTicket();
  const found = await findCaller(sql, claims);
  if (found) callers.store(ticket, claims.jti, found);
  return found;
}

/**
 * The token's user and whether the token was revoked, in one statement: this runs for every
 * authenticated request the caller cache cannot answer, and two queries cost twice
 * (bench/RESULTS.md); by the raw path (raw-statements.ts in @phresh/db). A test checks the row
 * equals what `user.findUnique` returns.
 */
export async function findCaller(
  sql: Database["sql"],
  claims: Pick<AccessTokenClaims, "userId" | "jti">,
): Promise<CallerRow | undefined> {
  const rows = await sql<CallerRow>`
    SELECT ${USER_COLUMNS},
           EXISTS (SELECT 1 FROM revoked_access_tokens WHERE jti = ${claims.jti}) AS revoked
    FROM users WHERE id = ${claims.userId}::uuid`;
  return rows[0];
}
