import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./connection.ts";
import { embeddedMigrations } from "./generated/migrations.ts";
import {
  fillWithMigratedCopy,
  migratedEmbeddedCopy,
  openTestDatabase,
  testDatabaseKind,
} from "./testing.ts";

describe(`test databases on ${testDatabaseKind}`, () => {
  it("start migrated, and each apart from the others", async () => {
    const [first, second] = [await openTestDatabase(), await openTestDatabase()];
    try {
      // An in-memory database starts from the migrated copy: nothing is left to apply.
      expect(first.appliedMigrations).toHaveLength(
        testDatabaseKind === "pglite" ? 0 : embeddedMigrations.length,
      );
      await first.prisma.cleaning.create({ data: { name: "only here", price: 10 } });
      expect(await first.prisma.cleaning.count()).toBe(1);
      expect(await second.prisma.cleaning.count()).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe("the migrated copy in-memory test databases start from", () => {
  it("is built when its file is missing, kept, and replaces copies of older migrations", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "phresh-copy-"));
    try {
      writeFileSync(path.join(directory, "migrated-0000000000000000.tar"), "older migrations");
      const built = await migratedEmbeddedCopy(directory);
      const files = readdirSync(directory);
      expect(files).toEqual([expect.stringMatching(/^migrated-[0-9a-f]{16}\.tar$/)]);
      const kept = await migratedEmbeddedCopy(directory);
      expect(kept.size).toBe(built.size);
      expect(readdirSync(directory)).toEqual(files);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("a data directory filled with the migrated copy", () => {
  it("opens with every migration applied and nothing left to apply", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "phresh-filled-"));
    try {
      await fillWithMigratedCopy(directory);
      const database = await openDatabase({ kind: "pglite", dataDirectory: directory });
      try {
        expect(database.appliedMigrations).toEqual([]);
        await database.prisma.cleaning.create({ data: { name: "kept", price: 10 } });
        expect(await database.prisma.cleaning.count()).toBe(1);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
