"use client";
import { useRouter } from "next/navigation";
import { trpc } from "@/trpc/react.tsx";
import { ConfirmInPlace } from "./confirm-in-place.tsx";

/** Accepting hires one person and declines every other pending offer, so it asks first. */
export function AcceptOffer({ cleaningId, name }: { cleaningId: number; name: string }) {
  const router = useRouter();
  const accept = trpc.offers.accept.useMutation();
  return (
    <ConfirmInPlace
      action="Accept"
      actionLabel={`Accept ${name}'s offer`}
      question={`Hire ${name}? Other pending offers will be declined.`}
      confirm="Yes, hire"
      pendingLabel="Accepting…"
      keep="Not now"
      tone="primary"
      onConfirm={() => accept.mutateAsync({ cleaning_id: cleaningId, name })}
      onDone={() => router.refresh()}
    />
  );
}
