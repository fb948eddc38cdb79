"use client";
// The owner's evaluation of the person they hired, which completes the job. The inputs keep to
// the shared limits (0–5 stars, the text lengths); everything else is the API's to check, and its
// refusals are shown in its words, on their fields. Nothing here imports a value from the
// evaluations' schema module: it would bring zod (about 30 KB gzip) into the page's first load,
// so the server passes the text limits in.
import type { EVALUATION_LIMITS, EvaluationCreate } from "@phresh/api/schemas";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/field.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { StarRatingInput } from "@/components/star-rating-input.tsx";
import { SubmitButton } from "@/components/submit-button.tsx";
import { TextAreaField } from "@/components/text-area-field.tsx";
import { useHydrated } from "@/components/use-hydrated.ts";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";
import styles from "./job.module.css";

const subRatings = [
  { field: "professionalism", legend: "Professionalism" },
  { field: "completeness", legend: "Completeness" },
  { field: "efficiency", legend: "Efficiency" },
] as const;
type SubRating = (typeof subRatings)[number]["field"];

type Values = {
  overall_rating: number | null;
  headline: string;
  comment: string;
  no_show: boolean;
} & Record<SubRating, number | null>;

const empty: Values = {
  overall_rating: null,
  professionalism: null,
  completeness: null,
  efficiency: null,
  headline: "",
  comment: "",
  no_show: false,
};

const blankToNull = (text: string) => (text.trim() === "" ? null : text.trim());

export function EvaluateForm({
  cleaningId,
  cleaner,
  limits,
}: {
  cleaningId: number;
  cleaner: string;
  limits: typeof EVALUATION_LIMITS;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [values, setValues] = useState<Values>(empty);
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [leaving, setLeaving] = useState(false);
  const evaluate = trpc.evaluations.create.useMutation();

  const overallMissing = submitted && values.overall_rating === null;
  const set = <Field extends keyof Values>(field: Field, value: Values[Field]) =>
    setValues((current) => ({ ...current, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setFormError(undefined);
    if (values.overall_rating === null) return;
    const evaluation: EvaluationCreate = {
      ...values,
      overall_rating: values.overall_rating,
      headline: blankToNull(values.headline),
      comment: blankToNull(values.comment),
    };
    try {
      await evaluate.mutateAsync({ name: cleaner, cleaning_id: cleaningId, evaluation });
      setLeaving(true);
      router.refresh();
    } catch (error) {
      const problem = readServerError(error);
      setFieldErrors(problem.fields);
      setFormError(problem.message);
    }
  }

  return (
    <form className={`stack ${styles.evaluate}`} onSubmit={submit} noValidate>
      <StarRatingInput
        legend="Overall rating"
        name="overall_rating"
        value={values.overall_rating}
        onChange={(rating) => set("overall_rating", rating)}
        error={
          overallMissing
            ? "Choose an overall rating, from 0 to 5 stars."
            : fieldErrors.overall_rating
        }
      />
      {subRatings.map(({ field, legend }) => (
        <StarRatingInput
          key={field}
          legend={`${legend} (optional)`}
          name={field}
          value={values[field]}
          onChange={(rating) => set(field, rating)}
          optional
          error={fieldErrors[field]}
        />
      ))}
      <Field
        label="Headline (optional)"
        name="headline"
        value={values.headline}
        onChange={(event) => set("headline", event.target.value)}
        maxLength={limits.headline}
        error={fieldErrors.headline}
      />
      <TextAreaField
        label="Comment (optional)"
        name="comment"
        rows={4}
        maxLength={limits.comment}
        value={values.comment}
        onChange={(event) => set("comment", event.target.value)}
        error={fieldErrors.comment}
      />
      <label className={styles.checkbox}>
        <input
          type="checkbox"
          name="no_show"
          checked={values.no_show}
          onChange={(event) => set("no_show", event.target.checked)}
          disabled={!hydrated}
        />
        {cleaner} did not show up
      </label>
      <FormAlert>{formError}</FormAlert>
      <div className="actions">
        <SubmitButton pending={evaluate.isPending || leaving} pendingLabel="Saving…">
          Save the evaluation
        </SubmitButton>
      </div>
    </form>
  );
}
