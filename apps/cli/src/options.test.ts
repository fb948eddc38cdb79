import { cleaningCreateSchema } from "@phresh/api/schemas";
import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { CliError, ExitCode } from "./errors.ts";
import {
  checked,
  parseCleaningId,
  parsePrice,
  parseServerUrl,
  parseWholeNumber,
  tokenFromArgument,
} from "./options.ts";

describe("parseServerUrl", () => {
  it("spells one server one way, so its stored token is found again", () => {
    expect(parseServerUrl("http://localhost:3000/")).toBe("http://localhost:3000");
    expect(parseServerUrl("HTTP://LOCALHOST:3000")).toBe("http://localhost:3000");
    expect(parseServerUrl("https://example.com/phresh/")).toBe("https://example.com/phresh");
  });

  it.each(["localhost:3000", "ftp://example.com", "http://example.com/?a=1", "not a url"])(
    "refuses %s as a usage error",
    (value) => {
      expect(() => parseServerUrl(value)).toThrow(CliError);
      expect(() => parseServerUrl(value)).toThrow(/Not a server URL/);
    },
  );
});

describe("option parsers", () => {
  it("read ids and prices, and refuse what is not one", () => {
    expect(parseCleaningId("12")).toBe(12);
    expect(parsePrice("49.50")).toBe(49.5);
    for (const id of ["0", "-1", "1.5", "abc", "2147483648"]) {
      expect(() => parseCleaningId(id), id).toThrow(InvalidArgumentError);
    }
    for (const price of ["", "abc", "12abc", "-3", "1e3"]) {
      expect(() => parsePrice(price), price).toThrow(InvalidArgumentError);
    }
  });

  it("read whole numbers (page sizes, ratings), leaving their range to the schema", () => {
    expect(parseWholeNumber("5")).toBe(5);
    expect(parseWholeNumber("0")).toBe(0);
    for (const notOne of ["", "five", "4.5", "-1", "1e3"]) {
      expect(() => parseWholeNumber(notOne), notOne).toThrow(InvalidArgumentError);
    }
  });

  it("take the token from a whole link as well as on its own", () => {
    expect(tokenFromArgument("abc-123")).toBe("abc-123");
    expect(tokenFromArgument("http://localhost:3000/verify?token=abc%2D123")).toBe("abc-123");
    expect(() => tokenFromArgument("http://localhost:3000/verify")).toThrow(/no token/);
  });

  it("turn a schema's refusal into a usage error naming each field", () => {
    const failure = (() => {
      try {
        checked(cleaningCreateSchema, { name: "", price: 1.005 }, "cleaning");
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(CliError);
    expect(failure).toMatchObject({ exitCode: ExitCode.usage });
    expect((failure as CliError).message).toMatch(
      /^Invalid cleaning: name: .+; price: must have at most 2 decimal places$/,
    );
  });
});
