// Access tokens: JWT (HS256, jose) carrying the user id, a unique id for revocation, and the
// user's token generation ("log out everywhere" and password resets bump it).
import { randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";

export const ACCESS_TOKEN_AUDIENCE = "phresh:auth";

export type AccessTokenClaims = {
  userId: string;
  jti: string;
  generation: number;
  expiresAt: Date;
};

export type AccessTokenSettings = { secretKey: string; issuer: string; lifetimeSeconds: number };

export class AccessTokens {
  readonly #key: Promise<CryptoKey>;

  constructor(private readonly settings: AccessTokenSettings) {
    // Imported once: given raw bytes, jose would import the key again for every token.
    this.#key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(settings.secretKey),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
  }

  async issue(userId: string, generation: number): Promise<string> {
    return new SignJWT({ gen: generation })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(userId)
      .setAudience([ACCESS_TOKEN_AUDIENCE])
      .setIssuer(this.settings.issuer)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.lifetimeSeconds}s`)
      .setJti(randomUUID())
      .sign(await this.#key);
  }

  /** The claims of a well-formed, correctly signed, unexpired token of ours; undefined otherwise. */
  async verify(token: string): Promise<AccessTokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, await this.#key, {
        algorithms: ["HS256"],
        audience: ACCESS_TOKEN_AUDIENCE,
        issuer: this.settings.issuer,
        requiredClaims: ["sub", "jti", "exp", "iat"],
      });
      if (typeof payload.gen !== "number" || !payload.sub || !payload.jti || !payload.exp)
        return undefined;
      return {
        userId: payload.sub,
        jti: payload.jti,
        generation: payload.gen,
        expiresAt: new Date(payload.exp * 1000),
      };
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
      throw error;
    }
  }
}
