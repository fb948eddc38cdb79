// A labelled input, then its validation message right under it (so the message reads as this
// field's, never the next one's), then its hint; the input is described by both.
import type { InputHTMLAttributes, ReactNode } from "react";
import { useHydrated } from "./use-hydrated.ts";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
};

export function Field({ label, name, error, hint, id, disabled, ...input }: FieldProps) {
  const hydrated = useHydrated();
  const inputId = id ?? `field-${name}`;
  const messageId = `${inputId}-message`;
  const hintId = `${inputId}-hint`;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint ? `${messageId} ${hintId}` : messageId}
        disabled={disabled || !hydrated}
        {...input}
      />
      <p id={messageId} className="field-message" role={error ? "alert" : undefined}>
        {error ?? ""}
      </p>
      {hint ? <div id={hintId}>{hint}</div> : null}
    </div>
  );
}

/** The e-mail address field of the account forms: the same label, type and autofill everywhere. */
export function EmailField(props: Omit<FieldProps, "label" | "name" | "type" | "autoComplete">) {
  return <Field label="E-mail address" name="email" type="email" autoComplete="email" {...props} />;
}
