// Refusal of common passwords (OWASP ASVS 6.2.4): the 49,000 most common passwords of the
// maintained @zxcvbn-ts/language-common list, shipped with the package (no network), compared
// case-insensitively. Server-only: the list is too large for the browser.
import { dictionary } from "@zxcvbn-ts/language-common";

let commonPasswords: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  // Built on first use (about 50 ms), not at import.
  commonPasswords ??= new Set(dictionary["passwords-common"].map((entry) => entry.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

export const COMMON_PASSWORD_PROBLEM =
  "Password is one of the most common passwords; choose another";
