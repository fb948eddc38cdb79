import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./connection.ts";
import { lockFilePath } from "./directory-lock.ts";
import { createEmbeddedDirectory } from "./embedded-initdb.ts";
import { DataDirectoryLockedError } from "./errors.ts";

const parents: string[] = [];
afterEach(() => {
  for (const parent of parents.splice(0)) rmSync(parent, { recursive: true, force: true });
});

function temporaryParent(): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), "phresh-initdb-"));
  parents.push(parent);
  return parent;
}

describe("creating an embedded data directory in a worker thread", () => {
  it("creates a database that opens and migrates, with nothing left beside it", async () => {
    const parent = temporaryParent();
    const dataDirectory = path.join(parent, "pglite");
    expect(await createEmbeddedDirectory(dataDirectory)).toBe(true);
    expect(readdirSync(parent)).toEqual(["pglite"]);

    const database = await openDatabase({ kind: "pglite", dataDirectory });
    try {
      expect(database.appliedMigrations.length).toBeGreaterThan(0);
      await database.prisma.cleaning.create({
        data: { name: "Oven", price: "30", cleaningType: "spot_clean" },
      });
      expect(await database.prisma.cleaning.count()).toBe(1);
    } finally {
      await database.close();
    }
  });

  it("leaves an existing database alone", async () => {
    const dataDirectory = path.join(temporaryParent(), "pglite");
    await (await openDatabase({ kind: "pglite", dataDirectory })).close();
    expect(await createEmbeddedDirectory(dataDirectory)).toBe(false);
    const database = await openDatabase({ kind: "pglite", dataDirectory });
    expect(database.appliedMigrations).toEqual([]);
    await database.close();
  });

  it("leaves a directory holding foreign files alone", async () => {
    const dataDirectory = path.join(temporaryParent(), "pglite");
    mkdirSync(dataDirectory);
    writeFileSync(path.join(dataDirectory, "notes.txt"), "mine");
    expect(await createEmbeddedDirectory(dataDirectory)).toBe(false);
    expect(readdirSync(dataDirectory)).toEqual(["notes.txt"]);
  });

  it("fills an empty directory and clears what a killed earlier attempt left", async () => {
    const parent = temporaryParent();
    const dataDirectory = path.join(parent, "pglite");
    mkdirSync(dataDirectory);
    mkdirSync(`${dataDirectory}.initdb`);
    writeFileSync(path.join(`${dataDirectory}.initdb`, "PG_VERSION"), "half-built");
    expect(await createEmbeddedDirectory(dataDirectory)).toBe(true);
    expect(existsSync(path.join(dataDirectory, "PG_VERSION"))).toBe(true);
    expect(readdirSync(parent)).toEqual(["pglite"]);
  });

  it("refuses while another process holds the directory's lock", async () => {
    const dataDirectory = path.join(temporaryParent(), "pglite");
    writeFileSync(lockFilePath(dataDirectory), String(process.ppid));
    await expect(createEmbeddedDirectory(dataDirectory)).rejects.toThrow(DataDirectoryLockedError);
    expect(existsSync(dataDirectory)).toBe(false);
  });
});
