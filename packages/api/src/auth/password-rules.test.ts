// The password rules every entry point shares: the configured policy, then common-password refusal.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  anonymousCaller,
  createAccount,
  newAccountDetails,
  openTestServices,
  type TestServices,
} from "../testing.ts";

let legacy: TestServices;
let nist: TestServices;

beforeAll(async () => {
  [legacy, nist] = await Promise.all([
    openTestServices(),
    openTestServices({ passwordPolicy: "nist" }),
  ]);
});
afterAll(() => Promise.all([legacy.close(), nist.close()]));

async function registrationRefusal(
  services: TestServices,
  password: string,
): Promise<string | undefined> {
  try {
    await anonymousCaller(services).users.register({ ...newAccountDetails(), password });
    return undefined;
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof ZodError)
      return error.cause.issues[0]?.message;
    throw error;
  }
}

describe("common passwords", () => {
  it("refuses a common password that meets the legacy policy, in any letter case", async () => {
    for (const password of ["nick1234-rem936", "NICK1234-REM936"]) {
      expect(await registrationRefusal(legacy, password)).toBe(
        "Password is one of the most common passwords; choose another",
      );
    }
    expect(await registrationRefusal(legacy, "nick1234-rem937")).toBeUndefined();
  });

  it("refuses a common password on reset and on change too", async () => {
    const account = await createAccount(legacy);
    const change = account.caller.users.updateMe({
      password: "p030710p$e4o",
      current_password: account.password,
    });
    await expect(change).rejects.toMatchObject({
      message: "UPDATE_USER_INVALID_PASSWORD",
      reason: "Password is one of the most common passwords; choose another",
    });
  });
});

describe("the NIST-style policy (PASSWORD_POLICY=nist)", () => {
  it("asks for 15 to 128 characters and no composition", async () => {
    expect(await registrationRefusal(nist, "short-but-mixed1")).toBeUndefined();
    expect(await registrationRefusal(nist, "onlylowercaseletters")).toBeUndefined();
    expect(await registrationRefusal(nist, "fourteen-chars")).toBe(
      "Password must have 15 to 128 characters",
    );
  });

  it("still refuses common long passwords", async () => {
    expect(await registrationRefusal(nist, "1qaz2wsx3edc4rfv")).toBe(
      "Password is one of the most common passwords; choose another",
    );
  });
});
