// The cleanings rules: create, read (with their offers, as the viewer may see them), change and
// delete. Routers are transport only and call these. Changes run in one transaction after a row
// lock on the cleaning, the same lock the offer rules take, so "is an offer accepted?" cannot
// change between the check and the write.
import type { Cleaning as CleaningRow, Database, Prisma, PrismaClient } from "@phresh/db";
import { ErrorCode } from "../error-codes.ts";
import { domainError } from "../errors.ts";
import { CLEANING_COLUMNS } from "../listings/cleaning-columns.ts";
import { deliverSoon, notify } from "../notifications/notify.ts";
import { offerPublicSelect, toOfferPublic } from "../offers/records.ts";
import type { CleaningWithOffers, OfferPublic, OfferStatus } from "../offers/schemas.ts";
import type { Services } from "../services.ts";
import { inTransaction, type Transaction } from "../transactions.ts";
import { mayChangeCleaning } from "./ownership.ts";
import { priceToDecimal, toCleaning, toCleaningChanges } from "./records.ts";
import type { Cleaning, CleaningCreate, CleaningUpdate } from "./schemas.ts";

type Caller = { id: string; isSuperuser: boolean };

/**
 * Offers newest first, loaded with the cleanings by one `IN` query per relation: no query per
 * cleaning. (Prisma's `_count` would aggregate the whole offers table on every read.)
 */
function offersWhere(where: Prisma.OfferWhereInput = {}) {
  return {
    offers: {
      where,
      orderBy: [{ createdAt: "desc" }, { userId: "asc" }],
      select: offerPublicSelect,
    },
  } satisfies Prisma.CleaningInclude;
}

type RowWithOffers = Prisma.CleaningGetPayload<{ include: ReturnType<typeof offersWhere> }>;

function toCleaningWithOffers(row: RowWithOffers, totalOffers: number): CleaningWithOffers {
  return { ...toCleaning(row), offers: row.offers.map(toOfferPublic), total_offers: totalOffers };
}

export async function createCleaning(
  db: PrismaClient,
  caller: Caller,
  input: CleaningCreate & { cleaning_type: NonNullable<CleaningCreate["cleaning_type"]> },
): Promise<Cleaning> {
  const row = await db.cleaning.create({
    data: {
      name: input.name,
      description: input.description ?? null,
      price: priceToDecimal(input.price),
      cleaningType: input.cleaning_type,
      ownerId: caller.id,
    },
  });
  return toCleaning(row);
}

/** A cleaning with one of the offers its reader may see: none leaves the offer's columns null. */
type CleaningOfferRow = CleaningRow & {
  totalOffers: number;
  offerUserId: string | null;
  offerStatus: OfferStatus | null;
  offerCreatedAt: Date | null;
  offerUpdatedAt: Date | null;
  offererName: string | null;
  offererFullName: string | null;
  offererImage: string | null;
};

function toVisibleOffer(cleaningId: number, row: CleaningOfferRow): OfferPublic[] {
  const { offerUserId, offerStatus, offerCreatedAt, offerUpdatedAt, offererName } = row;
  if (!offerUserId || !offerStatus || !offerCreatedAt || !offerUpdatedAt || !offererName) return [];
  return [
    {
      cleaning_id: cleaningId,
      user_id: offerUserId,
      status: offerStatus,
      created_at: offerCreatedAt.toISOString(),
      updated_at: offerUpdatedAt.toISOString(),
      user: {
        id: offerUserId,
        name: offererName,
        profile: { full_name: row.offererFullName, image: row.offererImage },
      },
    },
  ];
}

/**
 * Any cleaning (others will bid on it), with `total_offers` for everyone, and its offers: all
 * of them for the owner, only the caller's own (or none) for anyone else (contract Q11).
 * One statement, one row per visible offer: this is the API's most frequent read, and Prisma's
 * include spent five round trips on it (cleaning, offers, offerers, profiles, count). By the raw
 * path (raw-statements.ts in @phresh/db), without Prisma's client pipeline.
 */
export async function getCleaning(
  sql: Database["sql"],
  caller: Caller,
  id: number,
): Promise<CleaningWithOffers> {
  const rows = await sql<CleaningOfferRow>`
    SELECT ${CLEANING_COLUMNS},
      (SELECT count(*)::int FROM offers counted WHERE counted.cleaning_id = c.id) AS "totalOffers",
      o.user_id::text AS "offerUserId", o.status::text AS "offerStatus",
      o.created_at AS "offerCreatedAt", o.updated_at AS "offerUpdatedAt",
      offerer.name AS "offererName", offerer_profile.full_name AS "offererFullName",
      offerer_profile.image AS "offererImage"
    FROM cleanings c
    LEFT JOIN offers o ON o.cleaning_id = c.id
      AND (c.owner_id = ${caller.id}::uuid OR o.user_id = ${caller.id}::uuid)
    LEFT JOIN users offerer ON offerer.id = o.user_id
    LEFT JOIN profiles offerer_profile ON offerer_profile.user_id = o.user_id
    WHERE c.id = ${id}
    ORDER BY o.created_at DESC, o.user_id ASC`;
  const first = rows[0];
  if (!first) throw domainError(ErrorCode.CLEANING_NOT_FOUND);
  return {
    ...toCleaning(first),
    offers: rows.flatMap((row) => toVisibleOffer(first.id, row)),
    total_offers: first.totalOffers,
  };
}

/** The caller's own cleanings, newest first, each with all its offers. */
export async function listOwnCleanings(
  db: PrismaClient,
  caller: Caller,
): Promise<CleaningWithOffers[]> {
  const rows = await db.cleaning.findMany({
    where: { ownerId: caller.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: offersWhere(),
  });
  // The owner gets every offer, so their number is the count.
  return rows.map((row) => toCleaningWithOffers(row, row.offers.length));
}

type LockedCleaning = {
  name: string;
  owner_id: string | null;
  price: string;
  cleaning_type: string;
  /** The user whose offer is accepted, if one is. */
  accepted_user_id: string | null;
  /** An offer is accepted or completed: somebody was hired for this price and type. */
  assigned: boolean;
};

/** The cleaning, locked until commit, if the caller may change it. */
async function lockChangeableCleaning(
  tx: Transaction,
  caller: Caller,
  id: number,
): Promise<LockedCleaning> {
  const rows = await tx.$queryRaw<LockedCleaning[]>`
    SELECT c.name, c.owner_id, c.price::text AS price, c.cleaning_type::text AS cleaning_type,
      (SELECT o.user_id::text FROM offers o WHERE o.cleaning_id = c.id AND o.status = 'accepted') AS accepted_user_id,
      EXISTS (SELECT 1 FROM offers o WHERE o.cleaning_id = c.id AND o.status IN ('accepted', 'completed')) AS assigned
    FROM cleanings c WHERE c.id = ${id} FOR UPDATE OF c`;
  const cleaning = rows[0];
  if (!cleaning) throw domainError(ErrorCode.CLEANING_NOT_FOUND);
  if (!mayChangeCleaning(caller, { ownerId: cleaning.owner_id }))
    throw domainError(ErrorCode.CLEANING_NOT_OWNER);
  return cleaning;
}

/**
 * Once someone is hired (an offer accepted, or completed), the price and type they agreed to
 * stay as they were; the name and description may still be corrected. Sending the current
 * value again is not a change.
 */
function changesTheDeal(cleaning: LockedCleaning, patch: CleaningUpdate): boolean {
  const newPrice = patch.price !== undefined && priceToDecimal(patch.price) !== cleaning.price;
  const newType =
    patch.cleaning_type !== undefined && patch.cleaning_type !== cleaning.cleaning_type;
  return newPrice || newType;
}

export async function updateCleaning(
  db: PrismaClient,
  caller: Caller,
  id: number,
  patch: CleaningUpdate,
): Promise<Cleaning> {
  const row: CleaningRow = await inTransaction(db, async (tx) => {
    const cleaning = await lockChangeableCleaning(tx, caller, id);
    if (cleaning.assigned && changesTheDeal(cleaning, patch))
      throw domainError(ErrorCode.CLEANING_ASSIGNED);
    return tx.cleaning.update({ where: { id }, data: toCleaningChanges(patch) });
  });
  return toCleaning(row);
}

/** Deleting a cleaning deletes its offers; a cleaner whose offer was accepted is told. */
export async function deleteCleaning(
  services: Services,
  caller: Caller,
  id: number,
): Promise<void> {
  await inTransaction(services.database.prisma, async (tx) => {
    const cleaning = await lockChangeableCleaning(tx, caller, id);
    if (cleaning.accepted_user_id)
      await notify(services, tx, cleaning.accepted_user_id, {
        subject: "A cleaning job you were hired for was deleted",
        lines: [
          `The owner deleted the cleaning job "${cleaning.name}", for which your offer was accepted.`,
          "There is nothing more to do for it.",
        ],
        link: { path: "/offers", label: "See my offers" },
      });
    await tx.cleaning.delete({ where: { id } });
  });
  deliverSoon(services);
}
