"use client";
import type { Cleaning, CleaningType } from "@phresh/api/schemas";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/field.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { SubmitButton } from "@/components/submit-button.tsx";
import { TextAreaField } from "@/components/text-area-field.tsx";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";

type Values = { name: string; description: string; price: string; cleaning_type: CleaningType };
type Errors = Partial<Record<keyof Values, string>>;

type CleaningCreateSchema = typeof import("@phresh/api/schemas")["cleaningCreateSchema"];

// The fields are checked with the server's own zod schema. zod is about 30 KB gzip, so it is
// fetched when the person first focuses a field, not with the page. Should the fetch fail, the
// next focus or submit tries again, and meanwhile the server judges the fields.
let cleaningCreateSchema: Promise<CleaningCreateSchema | undefined> | undefined;
function loadCleaningCreateSchema(): Promise<CleaningCreateSchema | undefined> {
  cleaningCreateSchema ??= import("@phresh/api/schemas").then(
    (schemas) => schemas.cleaningCreateSchema,
    () => {
      cleaningCreateSchema = undefined;
      return undefined;
    },
  );
  return cleaningCreateSchema;
}

function toInput(values: Values) {
  return {
    name: values.name,
    description: values.description.trim() === "" ? null : values.description,
    price: values.price.trim() === "" ? Number.NaN : Number(values.price),
    cleaning_type: values.cleaning_type,
  };
}

/** `schema` undefined: still loading, so nothing is judged here yet. */
function validate(values: Values, schema: CleaningCreateSchema | undefined): Errors {
  if (!schema) return {};
  const parsed = schema.safeParse(toInput(values));
  const errors: Errors = {};
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as keyof Values | undefined;
    if (field && !errors[field]) {
      errors[field] =
        field === "price"
          ? "Enter a price from 0 to 99,999,999.99, with at most two decimals."
          : field === "name"
            ? "Give a name of 1 to 100 characters."
            : issue.message;
    }
  }
  return errors;
}

/**
 * Creates a cleaning, or edits `cleaning` when given. `dealLocked`: someone is hired, so the price
 * and type cannot change (the API refuses it); they are shown disabled and not sent.
 */
export function CleaningFormFields({
  cleaning,
  typeLabels,
  dealLocked,
}: {
  cleaning: Cleaning | undefined;
  typeLabels: Record<CleaningType, string>;
  dealLocked: boolean;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Values>({
    name: cleaning?.name ?? "",
    description: cleaning?.description ?? "",
    // Money reads with its cents: 12.5 is shown as 12.50.
    price: cleaning ? cleaning.price.toFixed(2) : "",
    cleaning_type: cleaning?.cleaning_type ?? "spot_clean",
  });
  const [touched, setTouched] = useState<Partial<Record<keyof Values, boolean>>>({});
  const [formError, setFormError] = useState<string>();
  const [leaving, setLeaving] = useState(false);
  const create = trpc.cleanings.create.useMutation();
  const update = trpc.cleanings.update.useMutation();
  const pending = create.isPending || update.isPending || leaving;
  const [schema, setSchema] = useState<CleaningCreateSchema>();
  const loadSchema = () => void loadCleaningCreateSchema().then(setSchema);

  const errors = validate(values, schema);
  const errorFor = (field: keyof Values) => (touched[field] ? errors[field] : undefined);
  const set = (field: keyof Values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [field]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched({ name: true, description: true, price: true, cleaning_type: true });
    setFormError(undefined);
    const loaded = await loadCleaningCreateSchema();
    setSchema(loaded);
    if (Object.keys(validate(values, loaded)).length > 0) return;
    try {
      const input = toInput(values);
      const patch = dealLocked ? { name: input.name, description: input.description } : input;
      const saved = cleaning
        ? await update.mutateAsync({ id: cleaning.id, patch })
        : await create.mutateAsync(input);
      setLeaving(true);
      // The job's page says an edit was saved.
      router.push(cleaning ? `/cleanings/${saved.id}?saved=1` : `/cleanings/${saved.id}`);
      router.refresh();
    } catch (error) {
      setFormError(readServerError(error).message);
    }
  }

  return (
    <form className="stack" onSubmit={submit} onFocus={loadSchema} noValidate>
      <Field
        label="Name"
        name="name"
        value={values.name}
        onChange={set("name")}
        onBlur={() => setTouched({ ...touched, name: true })}
        error={errorFor("name")}
        maxLength={100}
        required
      />
      <TextAreaField
        label="Description (optional)"
        name="description"
        rows={4}
        maxLength={1000}
        value={values.description}
        onChange={set("description")}
        error={errorFor("description")}
      />
      <Field
        label="Price (USD)"
        name="price"
        type="number"
        inputMode="decimal"
        min={0}
        step="0.01"
        value={values.price}
        onChange={set("price")}
        onBlur={() => {
          setTouched({ ...touched, price: true });
          // A plain amount is shown with its cents once typed; anything else is left as typed.
          if (/^\d+(\.\d{0,2})?$/.test(values.price.trim()))
            setValues({ ...values, price: Number(values.price).toFixed(2) });
        }}
        error={errorFor("price")}
        disabled={dealLocked}
        required
      />
      <div className="field">
        <label htmlFor="field-cleaning_type">Type</label>
        <select
          id="field-cleaning_type"
          name="cleaning_type"
          value={values.cleaning_type}
          onChange={set("cleaning_type")}
          disabled={dealLocked}
        >
          {(Object.keys(typeLabels) as CleaningType[]).map((type) => (
            <option key={type} value={type}>
              {typeLabels[type]}
            </option>
          ))}
        </select>
      </div>
      <FormAlert>{formError}</FormAlert>
      <div className="actions">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {cleaning ? "Save changes" : "Post cleaning"}
        </SubmitButton>
        <a
          className="button secondary"
          href={cleaning ? `/cleanings/${cleaning.id}` : "/cleanings"}
        >
          Cancel
        </a>
      </div>
    </form>
  );
}
