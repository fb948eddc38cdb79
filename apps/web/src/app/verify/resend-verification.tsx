"use client";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert.tsx";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";

/** Mails a fresh verification link; the answer is the same whether or not the address has an account. */
export function ResendVerification({ email }: { email: string }) {
  const resend = trpc.auth.requestVerifyToken.useMutation();
  const [sentCount, setSentCount] = useState(0);
  return (
    <div>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={resend.isPending}
          aria-busy={resend.isPending}
          onClick={() =>
            resend.mutate({ email }, { onSuccess: () => setSentCount((count) => count + 1) })
          }
        >
          {resend.isPending ? "Sending…" : "Resend the verification mail"}
        </button>
      </div>
      <FormAlert tone={resend.isError ? "error" : "success"}>
        {resend.isError
          ? readServerError(resend.error).message
          : sentCount > 0
            ? "If this address has an unverified account, a new link is on its way."
            : undefined}
      </FormAlert>
    </div>
  );
}
