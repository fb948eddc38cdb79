"use client";
import { accountLinkProblems, ErrorCode } from "@phresh/api/schemas";
import { useEffect, useRef, useState } from "react";
import { EmailField } from "@/components/field.tsx";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";
import { ResendVerification } from "./resend-verification.tsx";

type Outcome =
  | "verifying"
  | "verified"
  | "already-verified"
  | "used"
  | "expired"
  | "invalid"
  | "failed";

export function VerifyEmail({ token }: { token: string }) {
  const verify = trpc.auth.verify.useMutation();
  const [outcome, setOutcome] = useState<Outcome>(token ? "verifying" : "invalid");
  const [message, setMessage] = useState<string>();
  const started = useRef(false);

  useEffect(() => {
    // Once per page view, even where React runs effects twice.
    if (!token || started.current) return;
    started.current = true;
    verify.mutate(
      { token },
      {
        onSuccess: () => setOutcome("verified"),
        onError: (error) => {
          const problem = readServerError(error);
          if (problem.code === ErrorCode.VERIFY_USER_ALREADY_VERIFIED)
            setOutcome("already-verified");
          else if (problem.reason === accountLinkProblems.used) setOutcome("used");
          else if (problem.reason === accountLinkProblems.expired) setOutcome("expired");
          else if (problem.code === ErrorCode.VERIFY_USER_BAD_TOKEN) setOutcome("invalid");
          else {
            setOutcome("failed");
            setMessage(problem.message);
          }
        },
      },
    );
  }, [token, verify]);

  switch (outcome) {
    case "verifying":
      return <p role="status">Verifying your address…</p>;
    case "verified":
      return (
        <div className="card" role="status">
          <h2>Your address is verified</h2>
          <p>
            You can now <a href="/login">log in</a>.
          </p>
        </div>
      );
    case "already-verified":
      return (
        <div className="card" role="status">
          <h2>Already verified</h2>
          <p>
            This address was verified before. <a href="/login">Log in</a>.
          </p>
        </div>
      );
    case "failed":
      return <p role="alert">{message}</p>;
    default:
      return <LinkProblem outcome={outcome} />;
  }
}

function LinkProblem({ outcome }: { outcome: "used" | "expired" | "invalid" }) {
  const [email, setEmail] = useState("");
  const headline = {
    used: "This link was already used",
    expired: "This link has expired",
    invalid: "This link is not valid",
  }[outcome];
  return (
    <div className="card" role="alert">
      <h2>{headline}</h2>
      <p>Links work once, for one hour. Ask for a new one:</p>
      <EmailField value={email} onChange={(event) => setEmail(event.target.value)} />
      <ResendVerification email={email} />
    </div>
  );
}
