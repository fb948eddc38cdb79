// Refusal of common passwords (OWASP ASVS 6.2.4): the 49,000 most common passwords of the
// maintained @zxcvbn-ts/language-common list, shipped with the package (no network), compared
// case-insensitively. Server-only: the list is too large for the browser.

let commonPasswords: Promise<Set<string>> | undefined;

export async function isCommonPassword(password: string): Promise<boolean> {
  // Loaded and built on first use (about 50 ms), not at import: the package's dictionaries hold
  // about 13 MiB that a serving process needs only once someone chooses a password.
  commonPasswords ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set(dictionary["passwords-common"].map((entry) => entry.toLowerCase())),
  );
  return (await commonPasswords).has(password.toLowerCase());
}

export const COMMON_PASSWORD_PROBLEM =
  "Password is one of the most common passwords; choose another";
