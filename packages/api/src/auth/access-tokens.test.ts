import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AccessTokens, VERIFIED_TOKENS_KEPT } from "./access-tokens.ts";

const settings = { secretKey: "a".repeat(64), issuer: "phresh-test", lifetimeSeconds: 60 };

/** How many HMAC verifications WebCrypto performs while `work` runs. */
async function signatureChecksDuring(work: () => Promise<unknown>): Promise<number> {
  const verify = vi.spyOn(crypto.subtle, "verify");
  try {
    await work();
    return verify.mock.calls.length;
  } finally {
    verify.mockRestore();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe("AccessTokens.verify", () => {
  it("checks a token's signature once and answers the same claims for its next uses", async () => {
    const tokens = new AccessTokens(settings);
    const userId = randomUUID();
    const token = await tokens.issue(userId, 3);
    const answers: unknown[] = [];
    const checks = await signatureChecksDuring(async () => {
      for (let use = 0; use < 3; use += 1) answers.push(await tokens.verify(token));
    });
    expect(checks).toBe(1);
    for (const answer of answers) expect(answer).toMatchObject({ userId, generation: 3 });
  });

  it("refuses a kept token once it has expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T12:00:00Z") });
    const tokens = new AccessTokens(settings);
    const token = await tokens.issue(randomUUID(), 0);
    expect(await tokens.verify(token)).toBeDefined();
    vi.setSystemTime(new Date("2026-12-01T12:00:59Z"));
    expect(await tokens.verify(token)).toBeDefined();
    vi.setSystemTime(new Date("2026-12-01T12:01:00Z"));
    expect(await tokens.verify(token)).toBeUndefined();
  });

  it("refuses a tampered copy of a kept token", async () => {
    const tokens = new AccessTokens(settings);
    const token = await tokens.issue(randomUUID(), 0);
    expect(await tokens.verify(token)).toBeDefined();
    const [header, payload] = token.split(".");
    const forged = `${header}.${payload}.${"A".repeat(43)}`;
    expect(await tokens.verify(forged)).toBeUndefined();
    const otherKey = new AccessTokens({ ...settings, secretKey: "b".repeat(64) });
    expect(await otherKey.verify(token)).toBeUndefined();
  });

  it(`keeps at most ${VERIFIED_TOKENS_KEPT} tokens, forgetting the least recently used`, async () => {
    const tokens = new AccessTokens(settings);
    const first = await tokens.issue(randomUUID(), 0);
    const second = await tokens.issue(randomUUID(), 0);
    await tokens.verify(first);
    await tokens.verify(second);
    for (let other = 0; other < VERIFIED_TOKENS_KEPT - 2; other += 1)
      await tokens.verify(await tokens.issue(randomUUID(), 0));
    // `first` used again: now `second` is the least recently used, and the next token evicts it.
    expect(await signatureChecksDuring(() => tokens.verify(first))).toBe(0);
    await tokens.verify(await tokens.issue(randomUUID(), 0));
    expect(await signatureChecksDuring(() => tokens.verify(first))).toBe(0);
    expect(await signatureChecksDuring(() => tokens.verify(second))).toBe(1);
  });
});
