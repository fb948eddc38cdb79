import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@phresh/db";
import { afterAll, describe, expect, it } from "vitest";

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dataDirectory = mkdtempSync(path.join(os.tmpdir(), "phresh-superuser-"));
afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

function createSuperuser(args: string[], password?: string) {
  return spawnSync("pnpm", ["--silent", "create-superuser", ...args], {
    cwd: packageDirectory,
    encoding: "utf8",
    input: "",
    env: {
      ...process.env,
      DATABASE_URL: "",
      PHRESH_DATA_DIR: dataDirectory,
      PHRESH_SUPERUSER_PASSWORD: password ?? "",
    },
  });
}

describe("create-superuser", () => {
  it("creates a verified superuser with the password from the environment", async () => {
    const result = createSuperuser(
      ["--email", "Admin@Example.com", "--name", "admin"],
      "Super-secret-1",
    );
    expect(result.stderr).not.toContain("Super-secret-1");
    expect(result.stdout).toMatch(/^Created superuser admin@example.com \(/);
    expect(result.status).toBe(0);
    const database = await openDatabase({
      kind: "pglite",
      dataDirectory: path.join(dataDirectory, "pglite"),
    });
    const user = await database.prisma.user.findUnique({ where: { email: "admin@example.com" } });
    await database.close();
    expect(user).toMatchObject({ isSuperuser: true, isVerified: true, isActive: true });
  });

  it("refuses a password on the command line", () => {
    const result = createSuperuser([
      "--email",
      "x@example.com",
      "--name",
      "xavier",
      "--password",
      "Super-secret-1",
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--password'");
  });

  it("asks for the password when none is set, and explains when there is no terminal", () => {
    const result = createSuperuser(["--email", "y@example.com", "--name", "yvonne"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("set PHRESH_SUPERUSER_PASSWORD");
  });

  it("applies the password policy", () => {
    const result = createSuperuser(["--email", "z@example.com", "--name", "zelda"], "weak");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Refused: Password must have 10 to 30 characters");
  });
});
