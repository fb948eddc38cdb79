"use client";
// The password policy as a checklist that ticks as the person types (the same rules the server
// enforces, from @phresh/api/schemas), and a strength meter loaded only once they start typing.
import { type PasswordPolicyName, passwordPolicies } from "@phresh/api/schemas";
import { useEffect, useState } from "react";

type StrengthCheck = (password: string, userInputs: string[]) => number;
let strengthCheck: Promise<StrengthCheck> | undefined;

// zxcvbn's dictionaries are large: fetched from our own server on first use, never at page load.
function loadStrengthCheck(): Promise<StrengthCheck> {
  strengthCheck ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
  ]).then(([core, common]) => {
    const zxcvbn = new core.ZxcvbnFactory({
      dictionary: common.dictionary,
      graphs: common.adjacencyGraphs,
    });
    return (password, userInputs) => zxcvbn.check(password, userInputs).score;
  });
  return strengthCheck;
}

const STRENGTH_LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];

export function PasswordChecklist({
  password,
  policy,
  userInputs = [],
}: {
  password: string;
  policy: PasswordPolicyName;
  userInputs?: string[];
}) {
  const [score, setScore] = useState<number | undefined>(undefined);
  const inputsKey = userInputs.join("\u0000");
  useEffect(() => {
    if (!password) {
      setScore(undefined);
      return;
    }
    let current = true;
    void loadStrengthCheck().then((check) => {
      if (current) setScore(check(password, inputsKey.split("\u0000")));
    });
    return () => {
      current = false;
    };
  }, [password, inputsKey]);

  return (
    <div>
      <ul className="checklist" aria-label="Password rules">
        {passwordPolicies[policy].map((rule) => {
          const met = password.length > 0 && rule.test(password);
          return (
            <li
              key={rule.id}
              className={met ? "met" : undefined}
              data-rule={rule.id}
              data-met={met}
            >
              {rule.description}
              <span className="visually-hidden">{met ? " (done)" : " (not yet)"}</span>
            </li>
          );
        })}
      </ul>
      <div className="strength" aria-live="polite">
        <meter min={0} max={4} value={score ?? 0} aria-label="Password strength" />
        <span data-testid="password-strength">
          {score === undefined ? "" : STRENGTH_LABELS[score]}
        </span>
      </div>
    </div>
  );
}
