"use client";
import {
  brokenPasswordRules,
  describePasswordProblems,
  ErrorCode,
  type PasswordPolicyName,
} from "@phresh/api/schemas";
import { type FormEvent, useState } from "react";
import { EmailField, Field } from "@/components/field.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { PasswordChecklist } from "@/components/password-checklist.tsx";
import { SubmitButton } from "@/components/submit-button.tsx";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";
import { ResendVerification } from "../verify/resend-verification.tsx";

type Values = { email: string; name: string; password: string };
type Errors = Partial<Record<keyof Values, string>>;

type RegisterInput = typeof import("@phresh/api/schemas")["registerInput"];

// The e-mail address and the name are checked with the server's own zod schema. zod is about
// 30 KB gzip, so it is fetched when the person first focuses a field, not with the page. Should
// the fetch fail, the next focus or submit tries again, and meanwhile the server judges them.
let registerInputSchema: Promise<RegisterInput | undefined> | undefined;
function loadRegisterInput(): Promise<RegisterInput | undefined> {
  registerInputSchema ??= import("@phresh/api/schemas").then(
    (schemas) => schemas.registerInput,
    () => {
      registerInputSchema = undefined;
      return undefined;
    },
  );
  return registerInputSchema;
}

/** `schema` undefined: still loading, so only the password (checked without zod) is judged. */
function validate(values: Values, policy: PasswordPolicyName, schema?: RegisterInput): Errors {
  const errors: Errors = {};
  if (schema) {
    const email = schema.shape.email.safeParse(values.email);
    if (!email.success) errors.email = "Enter a valid e-mail address.";
    const name = schema.shape.name.safeParse(values.name);
    if (!name.success) errors.name = `Name ${name.error.issues[0]?.message ?? "is not valid"}.`;
  }
  const problems = brokenPasswordRules(values.password, policy);
  if (problems.length > 0) errors.password = `${describePasswordProblems(problems)}.`;
  return errors;
}

export function SignupForm({ policy }: { policy: PasswordPolicyName }) {
  const [values, setValues] = useState<Values>({ email: "", name: "", password: "" });
  const [touched, setTouched] = useState<Partial<Record<keyof Values, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string>();
  const register = trpc.users.register.useMutation();
  const [schema, setSchema] = useState<RegisterInput>();
  const loadSchema = () => void loadRegisterInput().then(setSchema);

  const clientErrors = validate(values, policy, schema);
  const errorFor = (field: keyof Values) =>
    serverErrors[field] ?? (touched[field] ? clientErrors[field] : undefined);

  const change = (field: keyof Values) => (event: { target: { value: string } }) => {
    setValues({ ...values, [field]: event.target.value });
    setServerErrors({ ...serverErrors, [field]: undefined });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched({ email: true, name: true, password: true });
    setFormError(undefined);
    const loaded = await loadRegisterInput();
    setSchema(loaded);
    if (Object.keys(validate(values, policy, loaded)).length > 0) return;
    try {
      await register.mutateAsync(values);
    } catch (error) {
      const problem = readServerError(error);
      if (problem.code === ErrorCode.REGISTER_USER_ALREADY_EXISTS)
        setServerErrors({ email: problem.message });
      else if (problem.code === ErrorCode.REGISTER_NAME_ALREADY_EXISTS)
        setServerErrors({ name: problem.message });
      else if (Object.keys(problem.fields).length > 0) setServerErrors(problem.fields);
      else setFormError(problem.message);
    }
  }

  if (register.isSuccess) {
    return (
      <div className="card" role="status">
        <h2>Check your mailbox</h2>
        <p>
          We sent a verification link to <strong>{register.data.email}</strong>. Open it to activate
          your account, then log in.
        </p>
        <ResendVerification email={register.data.email} />
      </div>
    );
  }

  return (
    <form className="stack" onSubmit={submit} onFocus={loadSchema} noValidate>
      <EmailField
        value={values.email}
        onChange={change("email")}
        onBlur={() => setTouched({ ...touched, email: true })}
        error={errorFor("email")}
        required
      />
      <Field
        label="Name"
        name="name"
        autoComplete="username"
        value={values.name}
        onChange={change("name")}
        onBlur={() => setTouched({ ...touched, name: true })}
        error={errorFor("name")}
        hint={<p className="muted">4 to 20 letters, digits, _ or -. Others will see it.</p>}
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={values.password}
        onChange={change("password")}
        onBlur={() => setTouched({ ...touched, password: true })}
        error={errorFor("password")}
        hint={
          <PasswordChecklist
            password={values.password}
            policy={policy}
            userInputs={[values.email, values.name]}
          />
        }
        required
      />
      <FormAlert>{formError}</FormAlert>
      <div className="actions">
        <SubmitButton pending={register.isPending} pendingLabel="Creating your account…">
          Sign up
        </SubmitButton>
      </div>
    </form>
  );
}
