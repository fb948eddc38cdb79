"use client";
// Edits the caller's profile, checked by the API's own schema as one types, with a live preview
// of the picture as others will see it.
import type { PROFILE_LIMITS, Profile } from "@phresh/api/schemas";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { Field } from "@/components/field.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { SubmitButton } from "@/components/submit-button.tsx";
import { TextAreaField } from "@/components/text-area-field.tsx";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";
import styles from "./profile-form.module.css";

type Values = { full_name: string; phone_number: string; bio: string; image: string };
type Errors = Partial<Record<keyof Values, string>>;
type Limits = typeof PROFILE_LIMITS;
type Schemas = Pick<
  typeof import("@phresh/api/schemas"),
  "profileUpdateSchema" | "profileImageSchema"
>;

// The fields are checked with the server's own zod schema. zod is about 30 KB gzip, so it is
// fetched when the person first focuses a field, not with the page (as on sign-up); should the
// fetch fail, the next focus tries again, and meanwhile the server judges what is sent.
let profileSchemas: Promise<Schemas | undefined> | undefined;
function loadProfileSchemas(): Promise<Schemas | undefined> {
  profileSchemas ??= import("@phresh/api/schemas").then(
    ({ profileUpdateSchema, profileImageSchema }) => ({ profileUpdateSchema, profileImageSchema }),
    () => {
      profileSchemas = undefined;
      return undefined;
    },
  );
  return profileSchemas;
}

function messagesFor(limits: Limits): Record<keyof Values, string> {
  return {
    full_name: `Use at most ${limits.fullName} characters.`,
    phone_number: `Use at most ${limits.phoneNumber} characters.`,
    bio: `Use at most ${limits.bio} characters.`,
    image: "Enter a full address starting with https:// or http://, or leave it empty.",
  };
}

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

/** `schemas` undefined: still loading, so nothing is judged yet. */
function validate(values: Values, limits: Limits, schemas?: Schemas): Errors {
  const parsed = schemas?.profileUpdateSchema.safeParse(toUpdate(values));
  const messages = messagesFor(limits);
  const errors: Errors = {};
  for (const issue of parsed?.error?.issues ?? []) {
    const field = issue.path[0] as keyof Values | undefined;
    if (field && !errors[field]) errors[field] = messages[field];
  }
  return errors;
}

/** The picture as it would show: a valid address typed, else the saved one while unchanged. */
function previewImage(values: Values, profile: Profile, schemas?: Schemas) {
  const typed = values.image.trim();
  if (!schemas) return typed === profile.image ? profile.image : null;
  const parsed = schemas.profileImageSchema.safeParse(typed);
  return parsed.success ? parsed.data : null;
}

/** `limits` come from the page (the server), so the page's JavaScript does not carry zod. */
export function ProfileForm({ profile, limits }: { profile: Profile; limits: Limits }) {
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
  const [schemas, setSchemas] = useState<Schemas>();
  const loadSchemas = () => {
    if (!schemas) void loadProfileSchemas().then(setSchemas);
  };

  // What the API said about a field stands until that field changes; the schema's own check wins.
  const errors: Errors = { ...serverErrors, ...validate(values, limits, schemas) };
  const errorFor = (field: keyof Values) => (touched[field] ? errors[field] : undefined);
  const set = (field: keyof Values) => (event: { target: { value: string } }) => {
    setValues({ ...values, [field]: event.target.value });
    const { [field]: _answered, ...otherServerErrors } = serverErrors;
    setServerErrors(otherServerErrors);
    setSaved(false);
  };
  const touch = (field: keyof Values) => () => setTouched({ ...touched, [field]: true });
  const preview = previewImage(values, profile, schemas);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched({ full_name: true, phone_number: true, bio: true, image: true });
    setFormError(undefined);
    setSaved(false);
    if (Object.values(validate(values, limits, await loadProfileSchemas())).some(Boolean)) return;
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
    <form className="stack" onSubmit={submit} onFocus={loadSchemas} noValidate>
      <div className={styles.preview}>
        <Avatar
          name={profile.name}
          fullName={values.full_name}
          image={preview}
          size="large"
          standalone
        />
        <p className="muted">
          Preview: how others see your picture.
          {preview ? "" : " Without an image address, your initials are shown."}
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
        maxLength={limits.fullName}
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
        maxLength={limits.phoneNumber}
      />
      <TextAreaField
        label="Bio (optional)"
        name="bio"
        rows={5}
        value={values.bio}
        onChange={set("bio")}
        onBlur={touch("bio")}
        error={errorFor("bio")}
        maxLength={limits.bio}
      />
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
        maxLength={limits.imageUrl}
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
