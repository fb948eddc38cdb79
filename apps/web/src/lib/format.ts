const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const dateTime = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export const formatPrice = (price: number) => money.format(price);
export const formatDateTime = (iso: string) => `${dateTime.format(new Date(iso))} UTC`;

/** Only paths of this site: `next=//evil.example` must not become an open redirect. */
export function safeNextPath(next: string | null | undefined, fallback = "/cleanings"): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
    ? next
    : fallback;
}
