"use client";
import { type FormEvent, useState } from "react";
import { EmailField } from "@/components/field.tsx";
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
    // Only presence is checked here, keeping zod (≈ 30 KB) off this page; the server judges the
    // address, and its verdict lands on the field.
    setEmailError(email.trim() ? undefined : "Enter your e-mail address.");
    if (!email.trim()) return;
    forgot.mutate(
      { email },
      {
        onError: (error) => {
          if (readServerError(error).fields.email) setEmailError("Enter a valid e-mail address.");
        },
      },
    );
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
      <EmailField
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={emailError}
        required
      />
      <FormAlert>
        {forgot.isError && !emailError ? readServerError(forgot.error).message : undefined}
      </FormAlert>
      <div className="actions">
        <SubmitButton pending={forgot.isPending} pendingLabel="Sending…">
          Send me a link
        </SubmitButton>
      </div>
    </form>
  );
}
