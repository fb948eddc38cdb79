import { ErrorCode, errorMessages } from "@phresh/api/schemas";
import { describe, expect, it } from "vitest";
import { describeIssues, describeRefusal, errorSentence } from "./errors.ts";

const refusal = {
  errorCode: undefined,
  reason: undefined,
  issues: undefined,
  trpcCode: "BAD_REQUEST",
  message: "",
};

describe("error sentences", () => {
  it("explain every code of the API's vocabulary as a sentence, not as the code", () => {
    for (const code of Object.values(ErrorCode)) {
      const sentence = errorSentence(code);
      expect(sentence, code).toMatch(/^[A-Z].*[.]$/);
      expect(sentence, code).not.toContain(code);
    }
  });

  it("say what a refused log-in means, in the words the web app uses too", () => {
    expect(describeRefusal({ ...refusal, errorCode: "LOGIN_BAD_CREDENTIALS" })).toBe(
      errorMessages.LOGIN_BAD_CREDENTIALS,
    );
    expect(errorMessages.LOGIN_BAD_CREDENTIALS).toBe("Wrong e-mail address or password.");
  });

  it("point to the command that helps where the terminal has one", () => {
    expect(errorSentence("UNAUTHORIZED")).toContain("run `phresh login`");
    expect(errorSentence("LOGIN_USER_NOT_VERIFIED")).toContain("phresh verify <token>");
  });

  it("add the server's reason, e.g. why a token did not work", () => {
    expect(
      describeRefusal({
        ...refusal,
        errorCode: "RESET_PASSWORD_BAD_TOKEN",
        reason: "The link is expired.",
      }),
    ).toBe("Cannot reset the password with this token. The link is expired.");
  });

  it("list every field's message of a validation refusal, in one line", () => {
    const line = describeRefusal({
      ...refusal,
      errorCode: "VALIDATION_ERROR",
      issues: [
        { path: ["name"], message: "must be at least 4 characters" },
        { path: ["patch", "cleaning_type"], message: "Invalid option" },
      ],
    });
    expect(line).toBe(
      "Some fields are not valid. name: must be at least 4 characters; type: Invalid option",
    );
    expect(line).not.toContain("\n");
  });

  it("fall back to tRPC's code for a refusal outside the vocabulary", () => {
    expect(describeRefusal({ ...refusal, trpcCode: "NOT_FOUND", message: "No procedure" })).toBe(
      "The server refused the request (NOT_FOUND: No procedure).",
    );
  });

  it("name an issue without a field by its message alone", () => {
    expect(describeIssues([{ path: [], message: "must change at least one field" }])).toBe(
      "must change at least one field",
    );
  });

  it("name fields by the options that carry them, a command's own names first", () => {
    const issues = [
      { path: ["min_price"], message: "too big" },
      { path: ["cursor"], message: "not ours" },
    ];
    expect(describeIssues(issues)).toBe("min-price: too big; cursor: not ours");
    expect(describeIssues(issues, { cursor: "more" })).toBe("min-price: too big; more: not ours");
  });
});
