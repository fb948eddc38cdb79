"use client";
// A rating from 0 to 5 stars as a group of native radio buttons, so it works by keyboard alone
// as every radio group does: Tab enters the group (on the chosen rating, or the first), the
// arrow keys move and choose, and the focused option is outlined. Ratings run 0–5 (marketplace
// contract, Q13): 0 is its own option, a "0" before the stars, named "0 of 5 stars". An
// optional rating also offers "Not rated" first, which sends nothing.
import { useId } from "react";
import styles from "./star-rating-input.module.css";
import { MAX_STARS, starsLabel } from "./star-rating-input-labels.ts";
import { useHydrated } from "./use-hydrated.ts";

const ratings = Array.from({ length: MAX_STARS + 1 }, (_, rating) => rating);

type StarRatingInputProps = {
  legend: string;
  /** The form field's name: each group's radios share it. */
  name: string;
  value: number | null;
  onChange: (rating: number | null) => void;
  /** Offers "Not rated" (null) as a choice. */
  optional?: boolean;
  error?: string | undefined;
  disabled?: boolean;
};

export function StarRatingInput({
  legend,
  name,
  value,
  onChange,
  optional = false,
  error,
  disabled = false,
}: StarRatingInputProps) {
  const hydrated = useHydrated();
  const messageId = useId();
  const option = (rating: number | null) => {
    const filled = rating !== null && value !== null && rating > 0 && rating <= value;
    return (
      <label
        key={rating ?? "none"}
        className={`${styles.option} ${rating === null ? styles.text : ""} ${filled ? styles.filled : ""}`}
      >
        <input
          type="radio"
          className={styles.radio}
          name={name}
          value={rating ?? ""}
          checked={value === rating}
          onChange={() => onChange(rating)}
          disabled={disabled || !hydrated}
          aria-describedby={error ? messageId : undefined}
        />
        {rating === null ? (
          <span>Not rated</span>
        ) : (
          <>
            <span className={styles.glyph} aria-hidden="true">
              {rating === 0 ? "0" : filled ? "★" : "☆"}
            </span>
            <span className="visually-hidden">{starsLabel(rating)}</span>
          </>
        )}
      </label>
    );
  };
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>{legend}</legend>
      <div className={styles.options}>
        {optional ? option(null) : null}
        {ratings.map(option)}
      </div>
      <p id={messageId} className="field-message" role={error ? "alert" : undefined}>
        {error ?? ""}
      </p>
    </fieldset>
  );
}
