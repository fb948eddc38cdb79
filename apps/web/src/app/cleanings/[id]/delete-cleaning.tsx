"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert.tsx";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";

/** Deleting asks once more, in place: a slip of the finger must not lose a cleaning. */
export function DeleteCleaning({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const remove = trpc.cleanings.delete.useMutation({
    onSuccess: () => {
      setLeaving(true);
      router.push("/cleanings");
      router.refresh();
    },
  });
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  const pending = remove.isPending || leaving;
  return (
    <fieldset className="card">
      <legend className="visually-hidden">Confirm deletion</legend>
      <p>Delete “{name}” for good?</p>
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={pending}
          aria-busy={pending}
          onClick={() => remove.mutate({ id })}
        >
          {pending ? "Deleting…" : "Yes, delete it"}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={pending}
          onClick={() => setConfirming(false)}
        >
          Keep it
        </button>
      </div>
      <FormAlert>{remove.isError ? readServerError(remove.error).message : undefined}</FormAlert>
    </fieldset>
  );
}
