import { type MyOffer, type OfferStatus, offerStatuses } from "@phresh/api/schemas";
import { describe, expect, it } from "vitest";
import { groupOffers, offerGroups } from "./offer-groups.ts";

function offer(cleaningId: number, status: OfferStatus): MyOffer {
  const at = "2026-12-01T12:00:00.000Z";
  return {
    cleaning_id: cleaningId,
    status,
    created_at: at,
    updated_at: at,
    cleaning: {
      id: cleaningId,
      name: `Job ${cleaningId}`,
      price: 10,
      cleaning_type: "spot_clean",
      owner_id: null,
    },
  };
}

describe("grouping a cleaner's offers", () => {
  it("puts accepted first, then pending, then the finished ones, and skips empty groups", () => {
    const groups = groupOffers([
      offer(1, "rejected"),
      offer(2, "pending"),
      offer(3, "accepted"),
      offer(4, "pending"),
    ]);
    expect(groups.map((group) => group.status)).toEqual(["accepted", "pending", "rejected"]);
    expect(groups[1]?.offers.map((item) => item.cleaning_id)).toEqual([2, 4]);
  });

  it("has a group for every status an offer can have", () => {
    expect(offerGroups.map((group) => group.status).sort()).toEqual([...offerStatuses].sort());
  });
});
