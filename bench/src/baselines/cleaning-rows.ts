// The rows of cleaning-with-offers.sql (as pg returns them) turned into the app's JSON for
// `GET /api/cleanings/{id}`: a cleaning with its visible offers and `total_offers`.

export type CleaningWithOffersRow = {
  id: number;
  name: string;
  description: string | null;
  /** numeric(10, 2), which pg returns as text. */
  price: string;
  cleaning_type: string;
  created_at: Date;
  updated_at: Date;
  owner_id: string | null;
  total_offers: number;
  /** The offer columns are null on the one row of a cleaning without visible offers. */
  offer_user_id: string | null;
  offer_status: string | null;
  offer_created_at: Date | null;
  offer_updated_at: Date | null;
  offerer_name: string | null;
  offerer_full_name: string | null;
  offerer_image: string | null;
};

function toOffer(cleaningId: number, row: CleaningWithOffersRow) {
  return {
    cleaning_id: cleaningId,
    user_id: row.offer_user_id,
    status: row.offer_status,
    created_at: row.offer_created_at?.toISOString(),
    updated_at: row.offer_updated_at?.toISOString(),
    user: {
      id: row.offer_user_id,
      name: row.offerer_name,
      profile: { full_name: row.offerer_full_name, image: row.offerer_image },
    },
  };
}

/** Undefined when there is no such cleaning (no rows). */
export function toCleaningWithOffers(rows: CleaningWithOffersRow[]) {
  const first = rows[0];
  if (!first) return undefined;
  return {
    id: first.id,
    name: first.name,
    description: first.description,
    price: Number(first.price),
    cleaning_type: first.cleaning_type,
    created_at: first.created_at.toISOString(),
    updated_at: first.updated_at.toISOString(),
    owner_id: first.owner_id,
    offers: rows.filter((row) => row.offer_user_id !== null).map((row) => toOffer(first.id, row)),
    total_offers: first.total_offers,
  };
}
