"use client";
import { emailRequestInput } from "@phresh/api/schemas";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/field.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { SubmitButton } from "@/components/submit-button.tsx";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";

export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [emailError, setEmailError] = useState<string>();
  const forgot = trpc.auth.forgotPassword.useMutation();

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = emailRequestInput.safeParse({ email });
    setEmailError(parsed.success ? undefined : "Enter a valid e-mail address.");
    if (parsed.success) forgot.mutate({ email });
  }

  if (forgot.isSuccess) {
    return (
      <div className="card" role="status">
        <h2>Check your mailbox</h2>
        <p>
          If an account uses {email}, a link to reset its password is on its way. It works once, for
          one hour.
        </p>
      </div>
    );
  }
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <Field
        label="E-mail address"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={emailError}
        required
      />
      <FormAlert>{forgot.isError ? readServerError(forgot.error).message : undefined}</FormAlert>
      <div className="actions">
        <SubmitButton pending={forgot.isPending} pendingLabel="Sending…">
          Send me a link
        </SubmitButton>
      </div>
    </form>
  );
}
