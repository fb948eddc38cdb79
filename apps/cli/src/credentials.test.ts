import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CredentialStore } from "./credentials.ts";
import { CliError, ExitCode } from "./errors.ts";

const temporary = mkdtempSync(path.join(os.tmpdir(), "phresh-credentials-"));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

let stores = 0;
function newStore(): CredentialStore {
  stores += 1;
  return new CredentialStore(path.join(temporary, String(stores), "phresh"));
}

const credential = (token: string) => ({
  access_token: token,
  email: "ann@example.com",
  saved_at: "2026-01-01T00:00:00.000Z",
});

const mode = (file: string) => statSync(file).mode & 0o777;

describe("CredentialStore", () => {
  it("keeps one token per server URL", async () => {
    const store = newStore();
    await store.save("http://localhost:3000", credential("local"));
    await store.save("https://phresh.example", credential("remote"));
    await store.save("http://localhost:3000", credential("local again"));
    expect((await store.get("http://localhost:3000"))?.access_token).toBe("local again");
    expect((await store.get("https://phresh.example"))?.access_token).toBe("remote");
    expect(await store.get("http://elsewhere")).toBeUndefined();
  });

  it("writes the file readable by its owner only, in a private directory", async () => {
    const store = newStore();
    await store.save("http://localhost:3000", credential("secret"));
    expect(mode(store.file)).toBe(0o600);
    expect(mode(store.directory)).toBe(0o700);
  });

  it("narrows a directory that already existed with wider permissions", async () => {
    const store = newStore();
    mkdirSync(store.directory, { recursive: true, mode: 0o755 });
    await store.save("http://localhost:3000", credential("secret"));
    expect(mode(store.directory)).toBe(0o700);
  });

  it("removes one server's entry and keeps the others", async () => {
    const store = newStore();
    await store.save("http://a", credential("a"));
    await store.save("http://b", credential("b"));
    expect(await store.remove("http://a")).toBe(true);
    expect(await store.remove("http://a")).toBe(false);
    expect(await store.get("http://a")).toBeUndefined();
    expect((await store.get("http://b"))?.access_token).toBe("b");
    expect(mode(store.file)).toBe(0o600);
  });

  it("reports a damaged file by its path instead of overwriting it", async () => {
    const store = newStore();
    mkdirSync(store.directory, { recursive: true });
    writeFileSync(store.file, "{ not json");
    const failure = await store.get("http://a").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect(failure).toMatchObject({ exitCode: ExitCode.refused });
    expect((failure as CliError).message).toContain(store.file);
  });
});
