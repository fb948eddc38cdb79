import type { ReactNode } from "react";
import { useHydrated } from "./use-hydrated.ts";

/** Disabled until the page is interactive, and while its action runs, so nothing submits twice. */
export function SubmitButton({
  pending,
  children,
  pendingLabel,
}: {
  pending: boolean;
  children: ReactNode;
  pendingLabel: string;
}) {
  const hydrated = useHydrated();
  return (
    <button type="submit" disabled={pending || !hydrated} aria-busy={pending}>
      {pending ? pendingLabel : children}
    </button>
  );
}
