// Test fixtures for the feed and the jobs search: a database that counts the statements sent
// through it, and rows written directly (explicit timestamps, other users' profiles and offers).
import type { PrismaClient } from "@phresh/db";
import { openTestDatabase, type TestDatabase } from "@phresh/db/testing";

/**
 * A test database that counts the SQL statements sent through it, where they leave Prisma (the
 * driver adapter's `onStatement`, as the offers and evaluations tests count them).
 */
export async function openCountingTestDatabase(): Promise<{
  database: TestDatabase;
  statementCount(): number;
}> {
  let count = 0;
  const database = await openTestDatabase({
    onStatement: () => {
      count += 1;
    },
  });
  return { database, statementCount: () => count };
}

export type CleaningRowSpec = {
  name: string;
  description?: string | null;
  price?: number;
  cleaningType?: "dust_up" | "spot_clean" | "full_clean";
  ownerId: string | null;
  createdAt: Date;
  /** Defaults to `createdAt`: never changed since. */
  updatedAt?: Date;
};

/** Inserts cleanings with exactly these timestamps (Prisma's own would set `updated_at`); returns their ids in order. */
export async function insertCleanings(
  db: PrismaClient,
  cleanings: CleaningRowSpec[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const cleaning of cleanings) {
    const rows = await db.$queryRaw<{ id: number }[]>`
      INSERT INTO cleanings (name, description, price, cleaning_type, owner_id, created_at, updated_at)
      VALUES (${cleaning.name}, ${cleaning.description ?? null}, ${(cleaning.price ?? 50).toFixed(2)}::numeric,
              ${cleaning.cleaningType ?? "spot_clean"}::"CleaningType", ${cleaning.ownerId}::uuid,
              ${cleaning.createdAt}, ${cleaning.updatedAt ?? cleaning.createdAt})
      RETURNING id`;
    const id = rows[0]?.id;
    if (id === undefined) throw new Error("insert returned no id");
    ids.push(id);
  }
  return ids;
}

/** `count` cleanings of `ownerId` created (and, if given, changed) at the very same instants, in one statement. */
export async function insertTiedCleanings(
  db: PrismaClient,
  count: number,
  fields: { name: string; ownerId: string; createdAt: Date; updatedAt?: Date },
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO cleanings (name, price, owner_id, created_at, updated_at)
    SELECT ${fields.name} || ' ' || n, 20, ${fields.ownerId}::uuid, ${fields.createdAt},
           ${fields.updatedAt ?? fields.createdAt}
    FROM generate_series(1, ${count}::int) AS n`;
}

/** Sets the user's public profile (the profile may already exist: registration creates it). */
export async function setProfile(
  db: PrismaClient,
  userId: string,
  profile: { fullName: string | null; image: string | null },
): Promise<void> {
  await db.profile.upsert({
    where: { userId },
    create: { userId, ...profile },
    update: profile,
  });
}
