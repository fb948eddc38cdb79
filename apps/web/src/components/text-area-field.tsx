// A labelled textarea, framed like every other field (see field.tsx): its message right under it,
// described by it, and disabled until the page is hydrated.
import type { TextareaHTMLAttributes } from "react";
import { LabelledControl } from "./field.tsx";

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  name: string;
  error?: string | undefined;
};

export function TextAreaField({
  label,
  name,
  error,
  id,
  disabled,
  ...textarea
}: TextAreaFieldProps) {
  return (
    <LabelledControl label={label} name={name} id={id} error={error} disabled={disabled}>
      {(control) => <textarea {...control} {...textarea} />}
    </LabelledControl>
  );
}
