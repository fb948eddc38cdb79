// No account enumeration by timing (OWASP ASVS 6.3.8): answers for known and unknown addresses
// take the same time. Medians over interleaved tries, so load on the machine hits both alike.
import { describe, expect, it } from "vitest";
import { createAccount, serveDuringTests } from "../testing.ts";

const served = serveDuringTests();

const TRIES = 61;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** One request's time; then the server's after-answer work is let finish, so it slows no later request. */
async function timed(send: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await send();
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  await Promise.all([...served.services.backgroundTasks]);
  return elapsed;
}

/**
 * Two kinds of request, tried in turns: the median time of the known kind, and the median of
 * the paired differences (unknown − known, each pair measured back to back), so that a slow
 * stretch of the machine weighs on both sides of a pair and cancels out.
 */
async function compare(known: () => Promise<Response>, unknown: () => Promise<Response>) {
  const knownTimes: number[] = [];
  const differences: number[] = [];
  await timed(known); // warm-up: first-use costs (dummy hash, JIT) are not what is measured
  await timed(unknown);
  for (let index = 0; index < TRIES; index++) {
    const knownTime = await timed(known);
    const unknownTime = await timed(unknown);
    knownTimes.push(knownTime);
    differences.push(unknownTime - knownTime);
  }
  return { known: median(knownTimes), difference: median(differences) };
}

const post = (path: string, init: { json?: unknown; form?: Record<string, string> }) =>
  fetch(`${served.server.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": init.form ? "application/x-www-form-urlencoded" : "application/json",
    },
    body: init.form ? new URLSearchParams(init.form).toString() : JSON.stringify(init.json),
  });

// A statistical test: a real leak (no dummy hash, or a cheaper one) shows on every try, while a
// noisy neighbour (other suites on two cores) rarely spoils two in a row, hence the retries.
describe("timing of answers about accounts", { retry: 3 }, () => {
  it("takes as long to refuse an unknown e-mail at log-in as a known one with a wrong password", async () => {
    const account = await createAccount(served.services);
    const medians = await compare(
      () => post("/api/token", { form: { username: account.email, password: "Wrong-password-1" } }),
      () =>
        post("/api/token", {
          form: { username: "nobody-here@example.com", password: "Wrong-password-1" },
        }),
    );
    // Without the dummy check an unknown address answers in a few per cent of the time.
    expect(Math.abs(medians.difference) / medians.known).toBeLessThan(0.1);
  });

  it("answers forgot-password and request-verify for unknown addresses as fast as for known ones", async () => {
    const account = await createAccount(served.services, { verified: false });
    for (const path of ["/api/users/forgot-password", "/api/users/request-verify-token"]) {
      const medians = await compare(
        () => post(path, { json: { email: account.email } }),
        () => post(path, { json: { email: "nobody-here@example.com" } }),
      );
      // Both answer before any account work; under 1 ms apart is below what the network shows.
      const difference = Math.abs(medians.difference);
      expect(
        difference / medians.known < 0.1 || difference < 1,
        `${path}: ${JSON.stringify(medians)}`,
      ).toBe(true);
    }
  });
});
