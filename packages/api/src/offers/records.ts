// Between the database rows and the API's OfferPublic. One select loads an offer with its
// offerer and the offerer's profile in the same statement (Prisma joins relations), so a page of
// offers costs one query whatever its length.
import type { Prisma } from "@phresh/db";
import type { OfferPublic } from "./schemas.ts";

export const offerPublicSelect = {
  cleaningId: true,
  userId: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  user: {
    select: { id: true, name: true, profile: { select: { fullName: true, image: true } } },
  },
} as const satisfies Prisma.OfferSelect;

export type OfferPublicRow = Prisma.OfferGetPayload<{ select: typeof offerPublicSelect }>;

export function toOfferPublic(row: OfferPublicRow): OfferPublic {
  return {
    cleaning_id: row.cleaningId,
    user_id: row.userId,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    user: {
      id: row.user.id,
      name: row.user.name,
      profile: {
        full_name: row.user.profile?.fullName ?? null,
        image: row.user.profile?.image ?? null,
      },
    },
  };
}
