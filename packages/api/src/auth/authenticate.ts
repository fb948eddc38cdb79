// Who is calling: the user behind a bearer token, when the token is ours, unexpired, not
// revoked, of the user's current generation, and the user exists and is active.
import type { PrismaClient, User as UserRow } from "@phresh/db";
import type { AccessTokenClaims, AccessTokens } from "./access-tokens.ts";

export type Authenticated = { user: UserRow; token: AccessTokenClaims };

/** The token of an `Authorization: Bearer <token>` header; undefined for any other scheme. */
export function bearerToken(authorization: string | null): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1];
}

export async function authenticate(
  db: PrismaClient,
  accessTokens: AccessTokens,
  token: string | undefined,
): Promise<Authenticated | undefined> {
  if (!token) return undefined;
  const claims = await accessTokens.verify(token);
  if (!claims) return undefined;
  const [user, revoked] = await Promise.all([
    db.user.findUnique({ where: { id: claims.userId } }),
    db.revokedAccessToken.findUnique({ where: { jti: claims.jti }, select: { jti: true } }),
  ]);
  if (!user?.isActive || revoked || user.tokenGeneration !== claims.generation) return undefined;
  return { user, token: claims };
}
