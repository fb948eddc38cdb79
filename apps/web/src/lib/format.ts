const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const dateTime = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export const formatPrice = (price: number) => money.format(price);
export const formatDateTime = (iso: string) => `${dateTime.format(new Date(iso))} UTC`;
