"use client";
// Someone else's job, seen by a would-be cleaner: offer to do it, then follow the offer, with
// Rescind while it is pending and Cancel once it is accepted. The rules (one offer per person,
// who may do what when) are the API's; refusals are shown in its words.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert.tsx";
import { useHydrated } from "@/components/use-hydrated.ts";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";
import { ConfirmInPlace } from "./confirm-in-place.tsx";
import type { JobOffer } from "./load-job.ts";

const statusForOfferer: Record<JobOffer["status"], string> = {
  pending: "Your offer is pending: the owner has not chosen yet.",
  accepted: "Your offer was accepted: this job is yours to do.",
  rejected: "The owner accepted another offer. If that falls through, yours is pending again.",
  cancelled: "You cancelled after your offer was accepted.",
  completed: "You did this job and the owner evaluated it.",
};

export function MyOffer({
  cleaningId,
  offer,
}: {
  cleaningId: number;
  offer: JobOffer | undefined;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [refreshing, setRefreshing] = useState(false);
  const make = trpc.offers.make.useMutation({
    onSuccess: () => {
      setRefreshing(true);
      router.refresh();
    },
  });
  const rescind = trpc.offers.rescind.useMutation();
  const cancel = trpc.offers.cancel.useMutation();

  if (!offer) {
    const pending = make.isPending || refreshing;
    return (
      <>
        <p>Would you like to do this job? The owner sees your offer and your rating.</p>
        <div className="actions">
          <button
            type="button"
            disabled={pending || !hydrated}
            aria-busy={pending}
            onClick={() => make.mutate({ cleaning_id: cleaningId })}
          >
            {pending ? "Offering…" : "Offer to clean it"}
          </button>
        </div>
        <FormAlert>{make.isError ? readServerError(make.error).message : undefined}</FormAlert>
      </>
    );
  }
  return (
    <>
      <p role="status" data-testid="my-offer-status">
        {statusForOfferer[offer.status]}
      </p>
      {offer.status === "pending" ? (
        <ConfirmInPlace
          action="Rescind my offer"
          question="Withdraw your offer? You may offer again later."
          confirm="Yes, rescind it"
          pendingLabel="Rescinding…"
          keep="Keep my offer"
          onConfirm={() => rescind.mutateAsync({ cleaning_id: cleaningId })}
          onDone={() => router.refresh()}
        />
      ) : null}
      {offer.status === "accepted" ? (
        <ConfirmInPlace
          action="Cancel the job"
          question="Cancel although the owner counts on you? The owner is told, the other offers become pending again, and you cannot offer on this job again."
          confirm="Yes, cancel it"
          pendingLabel="Cancelling…"
          keep="Keep the job"
          tone="danger"
          onConfirm={() => cancel.mutateAsync({ cleaning_id: cleaningId })}
          onDone={() => router.refresh()}
        />
      ) : null}
    </>
  );
}
