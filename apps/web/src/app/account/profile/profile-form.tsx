"use client";
// Edits the caller's profile, checked by the API's own schema as one types, with a live preview
// of the picture as others will see it.
import {
  PROFILE_LIMITS,
  type Profile,
  profileImageSchema,
  profileUpdateSchema,
} from "@phresh/api/schemas";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { Field } from "@/components/field.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { SubmitButton } from "@/components/submit-button.tsx";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";
import styles from "./profile-form.module.css";

type Values = { full_name: string; phone_number: string; bio: string; image: string };
type Errors = Partial<Record<keyof Values, string>>;

const messages: Record<keyof Values, string> = {
  full_name: `Use at most ${PROFILE_LIMITS.fullName} characters.`,
  phone_number: `Use at most ${PROFILE_LIMITS.phoneNumber} characters.`,
  bio: `Use at most ${PROFILE_LIMITS.bio} characters.`,
  image: "Enter a full address starting with https:// or http://, or leave it empty.",
};

/** Every field is sent; an empty one clears it (null). */
function toUpdate(values: Values) {
  const orNull = (text: string) => (text.trim() === "" ? null : text);
  return {
    full_name: orNull(values.full_name),
    phone_number: orNull(values.phone_number),
    bio: orNull(values.bio),
    image: orNull(values.image.trim()),
  };
}

function validate(values: Values): Errors {
  const parsed = profileUpdateSchema.safeParse(toUpdate(values));
  const errors: Errors = {};
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as keyof Values | undefined;
    if (field && !errors[field]) errors[field] = messages[field];
  }
  return errors;
}

export function ProfileForm({ profile }: { profile: Profile }) {
  const router = useRouter();
  const [values, setValues] = useState<Values>({
    full_name: profile.full_name ?? "",
    phone_number: profile.phone_number ?? "",
    bio: profile.bio ?? "",
    image: profile.image ?? "",
  });
  const [touched, setTouched] = useState<Partial<Record<keyof Values, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const update = trpc.profiles.updateMe.useMutation();

  // What the API said about a field stands until that field changes; the schema's own check wins.
  const errors: Errors = { ...serverErrors, ...validate(values) };
  const errorFor = (field: keyof Values) => (touched[field] ? errors[field] : undefined);
  const set = (field: keyof Values) => (event: { target: { value: string } }) => {
    setValues({ ...values, [field]: event.target.value });
    const { [field]: _answered, ...otherServerErrors } = serverErrors;
    setServerErrors(otherServerErrors);
    setSaved(false);
  };
  const touch = (field: keyof Values) => () => setTouched({ ...touched, [field]: true });
  const preview = profileImageSchema.safeParse(values.image.trim());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched({ full_name: true, phone_number: true, bio: true, image: true });
    setFormError(undefined);
    setSaved(false);
    if (Object.values(validate(values)).some(Boolean)) return;
    try {
      await update.mutateAsync(toUpdate(values));
      setSaved(true);
      router.refresh();
    } catch (error) {
      const problem = readServerError(error);
      setServerErrors(problem.fields as Errors);
      setFormError(problem.message);
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className={styles.preview}>
        <Avatar
          name={profile.name}
          fullName={values.full_name}
          image={preview.success ? preview.data : null}
          size="large"
          standalone
        />
        <p className="muted">
          Preview: how others see your picture.
          {preview.success ? "" : " Without an image address, your initials are shown."}
        </p>
      </div>
      <Field
        label="Full name (optional)"
        name="full_name"
        autoComplete="name"
        value={values.full_name}
        onChange={set("full_name")}
        onBlur={touch("full_name")}
        error={errorFor("full_name")}
        maxLength={PROFILE_LIMITS.fullName}
      />
      <Field
        label="Phone number (optional)"
        name="phone_number"
        type="tel"
        autoComplete="tel"
        value={values.phone_number}
        onChange={set("phone_number")}
        onBlur={touch("phone_number")}
        error={errorFor("phone_number")}
        maxLength={PROFILE_LIMITS.phoneNumber}
      />
      <div className="field">
        <label htmlFor="field-bio">Bio (optional)</label>
        <textarea
          id="field-bio"
          name="bio"
          rows={5}
          value={values.bio}
          onChange={set("bio")}
          onBlur={touch("bio")}
          aria-invalid={errorFor("bio") ? true : undefined}
          aria-describedby="field-bio-message"
          maxLength={PROFILE_LIMITS.bio}
        />
        <p
          id="field-bio-message"
          className="field-message"
          role={errorFor("bio") ? "alert" : undefined}
        >
          {errorFor("bio") ?? ""}
        </p>
      </div>
      <Field
        label="Picture address (optional)"
        name="image"
        type="url"
        inputMode="url"
        placeholder="https://example.com/me.jpg"
        value={values.image}
        onChange={set("image")}
        onBlur={touch("image")}
        error={errorFor("image")}
        maxLength={PROFILE_LIMITS.imageUrl}
      />
      <FormAlert tone={saved ? "success" : "error"}>
        {saved ? "Your profile is saved." : formError}
      </FormAlert>
      <div className="actions">
        <SubmitButton pending={update.isPending} pendingLabel="Saving…">
          Save profile
        </SubmitButton>
      </div>
    </form>
  );
}
