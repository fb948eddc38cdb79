"use client";
import { useRouter } from "next/navigation";
import { trpc } from "@/trpc/react.tsx";
import { ConfirmInPlace } from "./confirm-in-place.tsx";

/**
 * Deleting asks once more, in place: a slip of the finger must not lose a cleaning. My cleanings
 * then says it is gone (`?deleted=1`). Deleting a job someone was hired for is allowed; the API
 * tells them by mail, and the question says so.
 */
export function DeleteCleaning({
  id,
  name,
  assignedTo,
}: {
  id: number;
  name: string;
  assignedTo?: string | undefined;
}) {
  const router = useRouter();
  const remove = trpc.cleanings.delete.useMutation();
  return (
    <ConfirmInPlace
      action="Delete"
      question={
        <>
          Delete “{name}” for good?
          {assignedTo ? ` ${assignedTo}, whose offer you accepted, will be told by e-mail.` : null}
        </>
      }
      confirm="Yes, delete it"
      pendingLabel="Deleting…"
      keep="Keep it"
      tone="danger"
      onConfirm={() => remove.mutateAsync({ id })}
      onDone={() => {
        router.push("/cleanings?deleted=1");
        router.refresh();
      }}
    />
  );
}
