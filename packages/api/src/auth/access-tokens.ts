// Access tokens: JWT (HS256, jose) carrying the user id, a unique id for revocation, and the
// user's token generation ("log out everywhere" and password resets bump it).
import { randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";

export const ACCESS_TOKEN_AUDIENCE = "phresh:auth";

/** The revocation table's key is at most this long; ours are UUIDs (36 characters). */
export const MAX_JTI_LENGTH = 64;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AccessTokenClaims = {
  userId: string;
  jti: string;
  generation: number;
  expiresAt: Date;
};

export type AccessTokenSettings = { secretKey: string; issuer: string; lifetimeSeconds: number };

/**
 * Tokens whose signature and claims were checked, kept so that a client's next requests with the
 * same token skip the HMAC: WebCrypto's verify was about a tenth of the server's CPU per GET
 * (bench CPU profile). A token string verifies the same way every time under one key, so only
 * its expiry must be checked again; revocation is the caller check's business, not the token's.
 */
export const VERIFIED_TOKENS_KEPT = 2_000;

export class AccessTokens {
  readonly #key: Promise<CryptoKey>;
  /** Insertion-ordered, so the first key is the least recently used one. */
  readonly #verified = new Map<string, AccessTokenClaims>();

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

  /**
   * The claims of a well-formed, correctly signed, unexpired token of ours: `sub` a UUID, `jti` a
   * string of at most MAX_JTI_LENGTH, `gen` an integer. Undefined otherwise.
   */
  async verify(token: string): Promise<AccessTokenClaims | undefined> {
    const known = this.#verified.get(token);
    if (known) {
      this.#verified.delete(token);
      // jose's rule: expired once `exp` is not after the current second.
      if (known.expiresAt.getTime() <= Math.floor(Date.now() / 1000) * 1000) return undefined;
      this.#verified.set(token, known);
      return known;
    }
    const claims = await this.#verifySignatureAndClaims(token);
    if (claims) {
      this.#verified.set(token, claims);
      if (this.#verified.size > VERIFIED_TOKENS_KEPT) {
        const oldest = this.#verified.keys().next().value;
        if (oldest !== undefined) this.#verified.delete(oldest);
      }
    }
    return claims;
  }

  async #verifySignatureAndClaims(token: string): Promise<AccessTokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, await this.#key, {
        algorithms: ["HS256"],
        audience: ACCESS_TOKEN_AUDIENCE,
        issuer: this.settings.issuer,
        requiredClaims: ["sub", "jti", "exp", "iat"],
      });
      // jose checks the types of the registered claims it validates, not of `sub`, `jti` or our
      // `gen`: a signed token with `sub` an array or `jti` an object must be refused here, never
      // handed to a query.
      const { sub, jti, gen, exp } = payload as Record<string, unknown>;
      if (typeof sub !== "string" || !UUID.test(sub)) return undefined;
      if (typeof jti !== "string" || jti.length === 0 || jti.length > MAX_JTI_LENGTH)
        return undefined;
      if (typeof gen !== "number" || !Number.isSafeInteger(gen)) return undefined;
      if (typeof exp !== "number") return undefined;
      // Frozen: the same claims are handed to every later request with this token.
      return Object.freeze({ userId: sub, jti, generation: gen, expiresAt: new Date(exp * 1000) });
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
      throw error;
    }
  }
}
