"use client";
import {
  accountLinkProblems,
  brokenPasswordRules,
  describePasswordProblems,
  ErrorCode,
  type PasswordPolicyName,
} from "@phresh/api/schemas";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/field.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { PasswordChecklist } from "@/components/password-checklist.tsx";
import { SubmitButton } from "@/components/submit-button.tsx";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";

type LinkState = "usable" | "used" | "expired" | "invalid";

export function ResetPasswordForm({
  token,
  policy,
}: {
  token: string;
  policy: PasswordPolicyName;
}) {
  const [password, setPassword] = useState("");
  const [touched, setTouched] = useState(false);
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [linkState, setLinkState] = useState<LinkState>(token ? "usable" : "invalid");
  const reset = trpc.auth.resetPassword.useMutation();

  const problems = brokenPasswordRules(password, policy);
  const shownError =
    fieldError ??
    (touched && problems.length > 0 ? `${describePasswordProblems(problems)}.` : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    setFormError(undefined);
    if (problems.length > 0) return;
    try {
      await reset.mutateAsync({ token, password });
    } catch (error) {
      const problem = readServerError(error);
      if (problem.code === ErrorCode.RESET_PASSWORD_INVALID_PASSWORD)
        setFieldError(problem.reason ?? problem.message);
      else if (problem.reason === accountLinkProblems.used) setLinkState("used");
      else if (problem.reason === accountLinkProblems.expired) setLinkState("expired");
      else if (problem.code === ErrorCode.RESET_PASSWORD_BAD_TOKEN) setLinkState("invalid");
      else setFormError(problem.message);
    }
  }

  if (reset.isSuccess) {
    return (
      <div className="card" role="status">
        <h2>Your password is changed</h2>
        <p>
          Every device was logged out. <a href="/login">Log in</a> with your new password.
        </p>
      </div>
    );
  }
  if (linkState !== "usable") {
    const headline = {
      used: "This link was already used",
      expired: "This link has expired",
      invalid: "This link is not valid",
    }[linkState];
    return (
      <div className="card" role="alert">
        <h2>{headline}</h2>
        <p>
          Reset links work once, for one hour. <a href="/forgot-password">Ask for a new one</a>.
        </p>
      </div>
    );
  }
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => {
          setPassword(event.target.value);
          setFieldError(undefined);
        }}
        onBlur={() => setTouched(true)}
        error={shownError}
        hint={<PasswordChecklist password={password} policy={policy} />}
        required
      />
      <FormAlert>{formError}</FormAlert>
      <div className="actions">
        <SubmitButton pending={reset.isPending} pendingLabel="Saving…">
          Set new password
        </SubmitButton>
      </div>
    </form>
  );
}
