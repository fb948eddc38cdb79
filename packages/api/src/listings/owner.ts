// The owner of a listed cleaning (activity feed, open jobs), read in the listing's statement.
import { Prisma } from "@phresh/db";
import type { PublicUser } from "./schemas.ts";

/** The owner's columns, for a statement that joins `users owner` and `profiles owner_profile`. */
export const OWNER_COLUMNS = Prisma.sql`owner.name AS "ownerName",
  owner_profile.full_name AS "ownerFullName", owner_profile.image AS "ownerImage"`;

/** `LEFT JOIN`s from cleanings `c`: cleanings from before accounts existed have no owner. */
export const OWNER_JOINS = Prisma.sql`LEFT JOIN users owner ON owner.id = c.owner_id
  LEFT JOIN profiles owner_profile ON owner_profile.user_id = c.owner_id`;

/** A condition on cleanings `c`: its owner's account is deactivated. */
export const OWNER_DEACTIVATED = Prisma.sql`EXISTS (SELECT 1 FROM users deactivated
  WHERE deactivated.id = c.owner_id AND NOT deactivated.is_active)`;

/**
 * A condition on cleanings `c`: its owner's account is not deactivated. A deactivated account is
 * hidden from everyone else, and its cleanings with it; cleanings without an owner pass.
 */
export const OWNER_NOT_DEACTIVATED = Prisma.sql`NOT ${OWNER_DEACTIVATED}`;

export type OwnerColumns = {
  ownerId: string;
  ownerName: string;
  ownerFullName: string | null;
  ownerImage: string | null;
};

export function toPublicOwner(row: OwnerColumns): PublicUser {
  return {
    id: row.ownerId,
    name: row.ownerName,
    profile: { full_name: row.ownerFullName, image: row.ownerImage },
  };
}

/** For rows whose cleaning may have no owner (the LEFT JOINs found none). */
export function toOptionalPublicOwner(
  row: Omit<OwnerColumns, "ownerId" | "ownerName"> & {
    ownerId: string | null;
    ownerName: string | null;
  },
): PublicUser | null {
  const { ownerId, ownerName } = row;
  return ownerId === null || ownerName === null
    ? null
    : toPublicOwner({ ...row, ownerId, ownerName });
}
