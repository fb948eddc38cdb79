// What one page of a cleaner's evaluations costs the database: a fixed number of statements,
// whatever the page's length (no query per evaluation). Statements are counted by wrapping the
// Prisma driver adapter (`onStatement` of openDatabase), so every SQL statement sent is seen.
import { testDatabaseKind } from "@phresh/db/testing";
import { describe, expect, it } from "vitest";
import { createAccount, serveDuringTests } from "../testing.ts";

const served = serveDuringTests({ recordStatements: true });

async function cleanerWithEvaluations(count: number) {
  const cleaner = await createAccount(served.services);
  await served.services.database.prisma.evaluation.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      cleaningName: `Job ${index}`,
      cleanerId: cleaner.user.id,
      overallRating: index % 6,
    })),
  });
  return cleaner;
}

/** The statements one request sends, and its answer. */
async function statementsFor(path: string, token: string) {
  const { statements, server } = served;
  const before = statements.length;
  const response = await fetch(`${server.url}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as unknown[] | { result: { data: { items: unknown[] } } };
  return { count: statements.length - before, status: response.status, body };
}

describe(`the evaluations list's cost on ${testDatabaseKind}`, () => {
  it("costs the same few statements for a page of 1, 20 or 50 evaluations, over REST and tRPC", async () => {
    const viewer = await createAccount(served.services);
    const costs: number[] = [];
    for (const size of [1, 20, 50]) {
      const cleaner = await cleanerWithEvaluations(size);
      const rest = await statementsFor(
        `/api/users/${cleaner.name}/evaluations?limit=50`,
        viewer.token,
      );
      expect(rest.status).toBe(200);
      expect(rest.body).toHaveLength(size);
      const input = encodeURIComponent(JSON.stringify({ name: cleaner.name, limit: 50 }));
      const trpc = await statementsFor(
        `/api/trpc/evaluations.listForCleaner?input=${input}`,
        viewer.token,
      );
      expect(trpc.status).toBe(200);
      costs.push(rest.count, trpc.count);
    }
    expect(new Set(costs).size).toBe(1);
    // Authentication's statement(s), the cleaner's lookup and the page (3 today): never one per row.
    expect(costs[0]).toBeGreaterThanOrEqual(2);
    expect(costs[0]).toBeLessThanOrEqual(5);
  });
});
