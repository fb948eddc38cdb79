// Which statements make this process drop its cached callers when they commit.
import { describe, expect, it } from "vitest";
import { writesCallers } from "./caller-changes.ts";

describe("writesCallers", () => {
  it("sees Prisma's and hand-written updates and deletions of users, and new revocations", () => {
    for (const sql of [
      'UPDATE "public"."users" SET "token_generation" = 1 WHERE "id" = $1',
      'DELETE FROM "public"."users" WHERE "id" = $1',
      'INSERT INTO "public"."revoked_access_tokens" ("jti","expires_at") VALUES ($1,$2)',
      "update users set is_active = false where id = $1",
      "WITH changed AS (UPDATE users SET name = $1 RETURNING id) SELECT id FROM changed",
    ])
      expect(writesCallers(sql), sql).toBe(true);
  });

  it("ignores reads, new accounts and other tables", () => {
    for (const sql of [
      'SELECT "id" FROM "public"."users" WHERE "id" = $1',
      "INSERT INTO users (id, email) VALUES ($1, $2)",
      'UPDATE "public"."offers" SET "status" = $1',
      'DELETE FROM "public"."revoked_access_tokens" WHERE "expires_at" < $1',
      'UPDATE "public"."users_archive" SET "name" = $1',
    ])
      expect(writesCallers(sql), sql).toBe(false);
  });
});
