// Password policies. "legacy" is the old service's rule and the default; "nist" follows NIST
// SP 800-63B rev. 4 (length only, no composition rules). Choose with PASSWORD_POLICY.
// Browser-safe: the sign-up form shows the same rules as a checklist.
export type PasswordPolicyName = "legacy" | "nist";

export type PasswordRule = { id: string; description: string; test(password: string): boolean };

const length = (min: number, max: number): PasswordRule => ({
  id: "length",
  description: `${min} to ${max} characters`,
  test: (password) => [...password].length >= min && [...password].length <= max,
});

export const passwordPolicies: Record<PasswordPolicyName, PasswordRule[]> = {
  legacy: [
    length(10, 30),
    {
      id: "letter",
      description: "at least one letter",
      test: (password) => /\p{L}/u.test(password),
    },
    {
      id: "digit",
      description: "at least one digit",
      test: (password) => /\p{Nd}/u.test(password),
    },
    {
      id: "special",
      description: "at least one special character (not a letter or digit)",
      test: (password) => /[^\p{L}\p{Nd}]/u.test(password),
    },
  ],
  nist: [length(15, 128)],
};

/** The rules `password` breaks, as descriptions; empty when it is acceptable. */
export function brokenPasswordRules(password: string, policy: PasswordPolicyName): string[] {
  return passwordPolicies[policy]
    .filter((rule) => !rule.test(password))
    .map((rule) => rule.description);
}

export function describePasswordProblems(problems: string[]): string {
  return `Password must have ${problems.join(", ")}`;
}
