"use client";
import { ErrorCode } from "@phresh/api/schemas";
import { type FormEvent, useState } from "react";
import { EmailField, Field } from "@/components/field.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { SubmitButton } from "@/components/submit-button.tsx";
import { readServerError, type ServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";
import { ResendVerification } from "../verify/resend-verification.tsx";

export function LoginForm({ next }: { next: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [emailError, setEmailError] = useState<string>();
  const [problem, setProblem] = useState<ServerError>();
  const logIn = trpc.session.logIn.useMutation();
  const [leaving, setLeaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    // Only presence is checked here, keeping zod off this page; the server judges the rest.
    setEmailError(email.trim() ? undefined : "Enter your e-mail address.");
    if (!email.trim() || !password) return;
    try {
      await logIn.mutateAsync({ email, password });
      setLeaving(true);
      // A full navigation, so every server-rendered part sees the new session cookie.
      window.location.assign(next);
    } catch (error) {
      setProblem(readServerError(error));
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <EmailField
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={emailError}
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        required
      />
      <FormAlert>{problem?.message}</FormAlert>
      {problem?.code === ErrorCode.LOGIN_USER_NOT_VERIFIED ? (
        <ResendVerification email={email} />
      ) : null}
      <div className="actions">
        <SubmitButton pending={logIn.isPending || leaving} pendingLabel="Logging in…">
          Log in
        </SubmitButton>
      </div>
    </form>
  );
}
