"use client";
// An action that asks once more where it was asked for, not in a browser dialog: the button
// turns into the question with "yes" and "no", and focus follows, there and back.
import { type ReactNode, useEffect, useRef, useState } from "react";
import { FormAlert } from "@/components/form-alert.tsx";
import { useHydrated } from "@/components/use-hydrated.ts";
import { readServerError } from "@/lib/server-errors.ts";
import styles from "./job.module.css";

type ConfirmInPlaceProps = {
  /** The first button's text. */
  action: string;
  /** Its full name when the text alone is ambiguous (one "Accept" per row). */
  actionLabel?: string;
  /** The second look: what will happen. */
  question: ReactNode;
  confirm: string;
  pendingLabel: string;
  keep: string;
  tone?: "danger" | "primary" | "secondary";
  /** Runs the action; a refusal is shown in words beside the buttons. */
  onConfirm: () => Promise<unknown>;
  /** After success, e.g. to reload the page's data or leave it; the buttons stay busy meanwhile. */
  onDone: () => void;
};

export function ConfirmInPlace({
  action,
  actionLabel,
  question,
  confirm,
  pendingLabel,
  keep,
  tone = "secondary",
  onConfirm,
  onDone,
}: ConfirmInPlaceProps) {
  const hydrated = useHydrated();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const questionRef = useRef<HTMLParagraphElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  useEffect(() => {
    if (confirming) questionRef.current?.focus();
    else if (asked.current) triggerRef.current?.focus();
  }, [confirming]);

  const toneClass = tone === "primary" ? "" : tone;
  if (!confirming) {
    return (
      <button
        ref={triggerRef}
        type="button"
        className={toneClass}
        aria-label={actionLabel}
        disabled={!hydrated}
        onClick={() => {
          asked.current = true;
          setError(undefined);
          setConfirming(true);
        }}
      >
        {action}
      </button>
    );
  }

  async function run() {
    setPending(true);
    setError(undefined);
    try {
      await onConfirm();
      onDone();
    } catch (failure) {
      setError(readServerError(failure).message);
      setPending(false);
    }
  }

  return (
    <fieldset className={styles.confirm}>
      <legend className="visually-hidden">{actionLabel ?? action}</legend>
      <p ref={questionRef} tabIndex={-1} className={styles.question}>
        {question}
      </p>
      <div className="actions">
        <button
          type="button"
          className={tone === "danger" ? "danger" : ""}
          disabled={pending}
          aria-busy={pending}
          onClick={run}
        >
          {pending ? pendingLabel : confirm}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={pending}
          onClick={() => setConfirming(false)}
        >
          {keep}
        </button>
      </div>
      <FormAlert>{error}</FormAlert>
    </fieldset>
  );
}
