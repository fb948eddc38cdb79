// A labelled control (an input here; a textarea in text-area-field.tsx), then its validation
// message right under it (so the message reads as this field's, never the next one's), then its
// hint; the control is described by both.
import type { InputHTMLAttributes, ReactNode } from "react";
import { useHydrated } from "./use-hydrated.ts";

/** What ties a control to its label and messages, and keeps it disabled until hydration. */
type ControlProps = {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string;
  disabled: boolean;
};

type LabelledControlProps = {
  label: string;
  name: string;
  id?: string | undefined;
  error?: string | undefined;
  hint?: ReactNode;
  disabled?: boolean | undefined;
  /** Draws the control (an input, a textarea) with the props it is given. */
  children: (control: ControlProps) => ReactNode;
};

/** The frame every field shares: the label, the control, its message, then its hint. */
export function LabelledControl({
  label,
  name,
  id,
  error,
  hint,
  disabled,
  children,
}: LabelledControlProps) {
  const hydrated = useHydrated();
  const controlId = id ?? `field-${name}`;
  const messageId = `${controlId}-message`;
  const hintId = `${controlId}-hint`;
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      {children({
        id: controlId,
        name,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": hint ? `${messageId} ${hintId}` : messageId,
        disabled: disabled || !hydrated,
      })}
      <p id={messageId} className="field-message" role={error ? "alert" : undefined}>
        {error ?? ""}
      </p>
      {hint ? <div id={hintId}>{hint}</div> : null}
    </div>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
};

export function Field({ label, name, error, hint, id, disabled, ...input }: FieldProps) {
  return (
    <LabelledControl
      label={label}
      name={name}
      id={id}
      error={error}
      hint={hint}
      disabled={disabled}
    >
      {(control) => <input {...control} {...input} />}
    </LabelledControl>
  );
}

/** The e-mail address field of the account forms: the same label, type and autofill everywhere. */
export function EmailField(props: Omit<FieldProps, "label" | "name" | "type" | "autoComplete">) {
  return <Field label="E-mail address" name="email" type="email" autoComplete="email" {...props} />;
}
