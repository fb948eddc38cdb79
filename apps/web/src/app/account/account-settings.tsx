"use client";
import {
  brokenPasswordRules,
  describePasswordProblems,
  ErrorCode,
  type PasswordPolicyName,
  type User,
} from "@phresh/api/schemas";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/field.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { PasswordChecklist } from "@/components/password-checklist.tsx";
import { SubmitButton } from "@/components/submit-button.tsx";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";

type Change = "name" | "email" | "password";

type UpdateOwnAccountInput = typeof import("@phresh/api/schemas")["updateOwnAccountInput"];

// A new name or address is checked with the server's own zod schema. zod is about 30 KB gzip,
// so it is fetched when the person first focuses a field, not with the page. Should the fetch
// fail, the next focus or submit tries again, and meanwhile the server judges the value.
let updateOwnAccountSchema: Promise<UpdateOwnAccountInput | undefined> | undefined;
function loadUpdateOwnAccountInput(): Promise<UpdateOwnAccountInput | undefined> {
  updateOwnAccountSchema ??= import("@phresh/api/schemas").then(
    (schemas) => schemas.updateOwnAccountInput,
    () => {
      updateOwnAccountSchema = undefined;
      return undefined;
    },
  );
  return updateOwnAccountSchema;
}

/** One small form per change, each asking for the current password. */
function ChangeForm({
  change,
  user,
  policy,
}: {
  change: Change;
  user: User;
  policy: PasswordPolicyName;
}) {
  const router = useRouter();
  const [value, setValue] = useState(change === "password" ? "" : user[change]);
  const [currentPassword, setCurrentPassword] = useState("");
  const [errors, setErrors] = useState<{ value?: string; current?: string; form?: string }>({});
  const [saved, setSaved] = useState<string>();
  const update = trpc.users.updateMe.useMutation();

  /** `schema` undefined (not loaded): only the password, checked without zod, is judged here. */
  function localError(schema: UpdateOwnAccountInput | undefined): string | undefined {
    if (change === "password") {
      const problems = brokenPasswordRules(value, policy);
      return problems.length > 0 ? `${describePasswordProblems(problems)}.` : undefined;
    }
    if (!schema) return undefined;
    const parsed = schema.shape[change].safeParse(value);
    if (parsed.success) return undefined;
    return change === "email"
      ? "Enter a valid e-mail address."
      : `Name ${parsed.error.issues[0]?.message ?? "is not valid"}.`;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(undefined);
    const problem = localError(await loadUpdateOwnAccountInput());
    setErrors({
      value: problem,
      current: currentPassword ? undefined : "Enter your current password.",
    });
    if (problem || !currentPassword) return;
    try {
      const updated = await update.mutateAsync({
        [change]: value,
        current_password: currentPassword,
      });
      setCurrentPassword("");
      if (change === "password") setValue("");
      // A new password ends every other session; this one got a new cookie with the answer.
      setSaved(
        change === "email" && !updated.is_verified
          ? `Saved. We mailed a link to ${updated.email}: open it to verify your new address.`
          : change === "password"
            ? "Saved. You are still logged in here; every other device has been logged out."
            : "Saved.",
      );
      router.refresh();
    } catch (error) {
      const problem = readServerError(error);
      if (problem.code === ErrorCode.UPDATE_USER_BAD_CURRENT_PASSWORD)
        setErrors({ current: problem.message });
      else if (problem.code === ErrorCode.UPDATE_USER_INVALID_PASSWORD)
        setErrors({ value: problem.reason ?? problem.message });
      else if (
        problem.code === ErrorCode.UPDATE_USER_EMAIL_ALREADY_EXISTS ||
        problem.code === ErrorCode.UPDATE_USER_NAME_ALREADY_EXISTS
      )
        setErrors({ value: problem.message });
      else if (problem.fields[change]) setErrors({ value: problem.fields[change] });
      else setErrors({ form: problem.message });
    }
  }

  const labels = { name: "Name", email: "E-mail address", password: "New password" };
  return (
    <form
      className="card stack"
      onSubmit={submit}
      onFocus={() => void loadUpdateOwnAccountInput()}
      noValidate
      aria-label={`Change ${labels[change].toLowerCase()}`}
    >
      <h2>{change === "password" ? "Password" : labels[change]}</h2>
      {change === "email" ? (
        <p className="muted">
          {user.is_verified ? "Verified." : "Not verified yet."} A new address must be verified
          again.
        </p>
      ) : null}
      <Field
        id={`${change}-value`}
        label={labels[change]}
        name={change}
        type={change === "password" ? "password" : change === "email" ? "email" : "text"}
        autoComplete={
          change === "password" ? "new-password" : change === "email" ? "email" : "username"
        }
        value={value}
        onChange={(event) => setValue(event.target.value)}
        error={errors.value}
        hint={
          change === "password" ? <PasswordChecklist password={value} policy={policy} /> : undefined
        }
      />
      <Field
        id={`${change}-current`}
        label="Current password"
        name="current_password"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(event) => setCurrentPassword(event.target.value)}
        error={errors.current}
      />
      <FormAlert tone={errors.form ? "error" : "success"}>{errors.form ?? saved}</FormAlert>
      <div className="actions">
        <SubmitButton pending={update.isPending} pendingLabel="Saving…">
          Save
        </SubmitButton>
      </div>
    </form>
  );
}

function Sessions() {
  const [leaving, setLeaving] = useState(false);
  const logOut = trpc.session.logOut.useMutation({
    onSuccess: (_answer, input) => {
      setLeaving(true);
      window.location.assign(`/login?logged_out=${input?.everywhere ? "everywhere" : "1"}`);
    },
  });
  const pending = logOut.isPending || leaving;
  return (
    <div className="card">
      <h2>Sessions</h2>
      <div className="actions">
        <button
          type="button"
          disabled={pending}
          aria-busy={pending}
          onClick={() => logOut.mutate({ everywhere: false })}
        >
          Log out
        </button>
        <button
          type="button"
          className="secondary"
          disabled={pending}
          onClick={() => logOut.mutate({ everywhere: true })}
        >
          Log out everywhere
        </button>
      </div>
      <FormAlert>{logOut.isError ? readServerError(logOut.error).message : undefined}</FormAlert>
    </div>
  );
}

export function AccountSettings({ user, policy }: { user: User; policy: PasswordPolicyName }) {
  return (
    <>
      <p>
        Logged in as <strong>{user.name}</strong> ({user.email}).
      </p>
      <div className="cards">
        <ChangeForm change="name" user={user} policy={policy} />
        <ChangeForm change="email" user={user} policy={policy} />
        <ChangeForm change="password" user={user} policy={policy} />
        <Sessions />
      </div>
    </>
  );
}
