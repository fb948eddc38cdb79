// How a cleaner reads their offers: first what they must do (accepted), then what awaits an
// answer, then what is behind them (done, not chosen, cancelled).
import type { MyOffer, OfferStatus } from "@phresh/api/schemas";

export const offerGroups: { status: OfferStatus; title: string; explanation: string }[] = [
  {
    status: "accepted",
    title: "Accepted: yours to do",
    explanation: "The owner chose you. Get in touch through the job's page.",
  },
  {
    status: "pending",
    title: "Waiting for an answer",
    explanation: "The owner has not chosen anyone yet.",
  },
  { status: "completed", title: "Completed", explanation: "Done and evaluated by the owner." },
  { status: "rejected", title: "Rejected", explanation: "The owner chose someone else." },
  { status: "cancelled", title: "Cancelled", explanation: "You cancelled after being accepted." },
];

/** The offers of each status, in `offerGroups`' order, skipping the statuses with none. */
export function groupOffers(offers: MyOffer[]) {
  return offerGroups
    .map((group) => ({ ...group, offers: offers.filter((offer) => offer.status === group.status) }))
    .filter((group) => group.offers.length > 0);
}
