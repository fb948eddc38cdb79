// Validation failures in FastAPI's 422 shape: {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}.
// The input value is never echoed back (it may be a password).
import type { z } from "zod";
import { type InputSpec, locate } from "./sources.ts";

export type LegacyValidationIssue = { loc: (string | number)[]; msg: string; type: string };

export function toLegacyIssue(
  spec: InputSpec | undefined,
  issue: z.core.$ZodIssue,
): LegacyValidationIssue {
  const loc = locate(spec, issue.path);
  if (issue.code === "invalid_type" && / received undefined$/.test(issue.message)) {
    return { loc, msg: "Field required", type: "missing" };
  }
  return { loc, msg: issue.message, type: legacyType(issue) };
}

function legacyType(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `${issue.expected}_type`;
    case "too_small":
      return issue.origin === "string"
        ? "string_too_short"
        : issue.inclusive
          ? "greater_than_equal"
          : "greater_than";
    case "too_big":
      return issue.origin === "string"
        ? "string_too_long"
        : issue.inclusive
          ? "less_than_equal"
          : "less_than";
    case "invalid_value":
      return "enum";
    case "invalid_format":
      return issue.format === "email" ? "value_error.email" : "string_pattern_mismatch";
    case "unrecognized_keys":
      return "extra_forbidden";
    default:
      return "value_error";
  }
}

/** A body that is not JSON at all, located like FastAPI does it. */
export function malformedJsonIssue(): LegacyValidationIssue {
  return { loc: ["body"], msg: "JSON decode error", type: "json_invalid" };
}
