// The offer rules (marketplace contract §3): make, accept, cancel and rescind an offer, and who
// may see which offers. Every guard runs inside the transaction that writes, after a row lock on
// the cleaning (`SELECT … FOR UPDATE`), so requests that change the offers of one cleaning take
// turns and each sees what the previous one committed. The offer itself is read under a row lock
// too, for writers that do not take the cleaning's lock (an evaluation completing the offer). The
// partial unique index offers_one_assigned_per_cleaning backs "one assigned offer per cleaning".
// Check order (contract §1): cleaning 404, user 404, permission 403, offer 404, state 400. A
// caller without a right to the offers is refused before any offer is looked up, so refusals
// never tell a stranger which offers exist (contract Q7).
import type { PrismaClient } from "@phresh/db";
import { findActiveUserByName } from "../auth/user-by-name.ts";
import { ErrorCode } from "../error-codes.ts";
import { domainError } from "../errors.ts";
import { encodeCursor, pageOf, rowsForPage } from "../listings/paging.ts";
import { deliverSoon, notify, notifyEach } from "../notifications/notify.ts";
import type { Services } from "../services.ts";
import { inTransaction, type Transaction } from "../transactions.ts";
import { offerPublicSelect, toOfferPublic } from "./records.ts";
import type {
  MyOffer,
  MyOffersCursorKey,
  MyOffersPage,
  OfferPublic,
  OfferStatus,
} from "./schemas.ts";

type Caller = { id: string; name: string };
type LockedCleaning = { name: string; ownerId: string | null };

/** Waits for, then holds until commit, the right to change the offers of the cleaning. */
async function lockCleaning(tx: Transaction, cleaningId: number): Promise<LockedCleaning> {
  const rows = await tx.$queryRaw<{ name: string; owner_id: string | null }[]>`
    SELECT name, owner_id FROM cleanings WHERE id = ${cleaningId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw domainError(ErrorCode.CLEANING_NOT_FOUND);
  return { name: row.name, ownerId: row.owner_id };
}

/**
 * The status of `userId`'s offer on the cleaning, row-locked until commit: a change made outside
 * the cleaning's lock (an evaluation completing the offer) either committed before this read or
 * waits for this transaction.
 */
async function lockOffer(
  tx: Transaction,
  userId: string,
  cleaningId: number,
): Promise<OfferStatus | undefined> {
  const rows = await tx.$queryRaw<{ status: OfferStatus }[]>`
    SELECT status::text AS status FROM offers
    WHERE user_id = ${userId}::uuid AND cleaning_id = ${cleaningId} FOR UPDATE`;
  return rows[0]?.status;
}

async function userByName(db: Transaction | PrismaClient, name: string) {
  const user = await db.user.findUnique({
    where: { nameKey: name.toLowerCase() },
    select: { id: true, name: true },
  });
  if (!user) throw domainError(ErrorCode.USER_NOT_FOUND);
  return user;
}

async function cleaningOwner(db: PrismaClient, cleaningId: number) {
  const cleaning = await db.cleaning.findUnique({
    where: { id: cleaningId },
    select: { ownerId: true },
  });
  if (!cleaning) throw domainError(ErrorCode.CLEANING_NOT_FOUND);
  return cleaning.ownerId;
}

/** Where a marketplace mail about a cleaning links to. */
export const cleaningPage = (cleaningId: number) => ({
  path: `/cleanings/${cleaningId}`,
  label: "Open the job",
});
const myOffersPage = { path: "/offers", label: "See my offers" };

/** O1: anyone but the owner, once per cleaning (a rescinded offer may be made again). */
export async function makeOffer(
  services: Services,
  caller: Caller,
  cleaningId: number,
): Promise<OfferPublic> {
  const offer = await inTransaction(
    services.database.prisma,
    async (tx) => {
      // FOR SHARE: offers may be made side by side, but not while the cleaning is being
      // accepted, evaluated or deleted.
      const rows = await tx.$queryRaw<
        {
          name: string;
          owner_id: string | null;
          owner_active: boolean | null;
          offered: boolean;
          completed: boolean;
        }[]
      >`
        SELECT c.name, c.owner_id,
          (SELECT u.is_active FROM users u WHERE u.id = c.owner_id) AS owner_active,
          EXISTS (SELECT 1 FROM offers o WHERE o.cleaning_id = c.id AND o.user_id = ${caller.id}::uuid) AS offered,
          EXISTS (SELECT 1 FROM offers o WHERE o.cleaning_id = c.id AND o.status = 'completed') AS completed
        FROM cleanings c WHERE c.id = ${cleaningId} FOR SHARE OF c`;
      const cleaning = rows[0];
      if (!cleaning) throw domainError(ErrorCode.CLEANING_NOT_FOUND);
      if (cleaning.owner_id === caller.id) throw domainError(ErrorCode.OFFER_OWN_CLEANING);
      if (cleaning.offered) throw domainError(ErrorCode.OFFER_ALREADY_EXISTS);
      // A cleaning from before accounts, or of a deactivated account, has nobody who could
      // accept an offer.
      if (cleaning.completed || cleaning.owner_id === null || !cleaning.owner_active)
        throw domainError(ErrorCode.CLEANING_NOT_OPEN);
      const created = await tx.offer.create({
        data: { userId: caller.id, cleaningId },
        select: offerPublicSelect,
      });
      await notify(services, tx, cleaning.owner_id, {
        subject: "A new offer for your cleaning job",
        lines: [`${caller.name} offers to do your cleaning job "${cleaning.name}".`],
        link: cleaningPage(cleaningId),
      });
      return created;
    },
    // The same person offering twice at once: the primary key lets one through.
    { onUniqueViolation: ErrorCode.OFFER_ALREADY_EXISTS },
  );
  deliverSoon(services);
  return toOfferPublic(offer);
}

/** O2: every offer of a cleaning, newest first, for its owner only. */
export async function listOffers(
  db: PrismaClient,
  caller: Caller,
  cleaningId: number,
): Promise<OfferPublic[]> {
  const ownerId = await cleaningOwner(db, cleaningId);
  if (ownerId !== caller.id) throw domainError(ErrorCode.OFFERS_NOT_OWNER);
  const rows = await db.offer.findMany({
    where: { cleaningId },
    orderBy: [{ createdAt: "desc" }, { userId: "asc" }],
    select: offerPublicSelect,
  });
  return rows.map(toOfferPublic);
}

/** O3: one offer, for the cleaning's owner and the offerer only. */
export async function offerOf(
  db: PrismaClient,
  caller: Caller,
  cleaningId: number,
  offererName: string,
): Promise<OfferPublic> {
  const ownerId = await cleaningOwner(db, cleaningId);
  const offerer = await userByName(db, offererName);
  if (caller.id !== ownerId && caller.id !== offerer.id)
    throw domainError(ErrorCode.OFFER_FORBIDDEN);
  const row = await db.offer.findUnique({
    where: { userId_cleaningId: { userId: offerer.id, cleaningId } },
    select: offerPublicSelect,
  });
  if (!row) throw domainError(ErrorCode.OFFER_NOT_FOUND);
  return toOfferPublic(row);
}

/**
 * O4: the owner accepts a pending offer of an active account while no offer of the cleaning is
 * accepted or completed; every other pending offer is rejected in the same transaction.
 */
export async function acceptOffer(
  services: Services,
  caller: Caller,
  cleaningId: number,
  offererName: string,
): Promise<OfferPublic> {
  const accepted = await inTransaction(
    services.database.prisma,
    async (tx) => {
      const cleaning = await lockCleaning(tx, cleaningId);
      // A deactivated account is absent to everyone else, as for evaluations; its offers were
      // withdrawn with it, so this refuses only what a race or older data left behind.
      const offerer = await findActiveUserByName(tx, offererName);
      if (!offerer) throw domainError(ErrorCode.USER_NOT_FOUND);
      if (cleaning.ownerId !== caller.id) throw domainError(ErrorCode.OFFER_ACCEPT_NOT_OWNER);
      const status = await lockOffer(tx, offerer.id, cleaningId);
      if (!status) throw domainError(ErrorCode.OFFER_NOT_FOUND);
      if (status !== "pending") throw domainError(ErrorCode.OFFER_NOT_PENDING);
      const assigned = await tx.offer.count({
        where: { cleaningId, status: { in: ["accepted", "completed"] } },
      });
      if (assigned > 0) throw domainError(ErrorCode.CLEANING_ALREADY_ASSIGNED);

      const updated = await tx.offer.update({
        where: { userId_cleaningId: { userId: offerer.id, cleaningId } },
        data: { status: "accepted" },
        select: offerPublicSelect,
      });
      const rejected = await tx.offer.updateManyAndReturn({
        where: { cleaningId, status: "pending" },
        data: { status: "rejected" },
        select: { userId: true },
      });
      await notify(services, tx, offerer.id, {
        subject: "Your offer was accepted",
        lines: [`${caller.name} accepted your offer for the cleaning job "${cleaning.name}".`],
        link: cleaningPage(cleaningId),
      });
      await notifyEach(
        services,
        tx,
        rejected.map(({ userId }) => userId),
        {
          subject: "Your offer was not chosen",
          lines: [
            `${caller.name} chose another offer for the cleaning job "${cleaning.name}".`,
            "Should that offer be cancelled, yours becomes pending again.",
          ],
          link: myOffersPage,
        },
      );
      return updated;
    },
    { onUniqueViolation: ErrorCode.CLEANING_ALREADY_ASSIGNED },
  );
  deliverSoon(services);
  return toOfferPublic(accepted);
}

/** O5: the offerer cancels their accepted offer; the rejected offers become pending again. */
export async function cancelOffer(
  services: Services,
  caller: Caller,
  cleaningId: number,
): Promise<OfferPublic> {
  const cancelled = await inTransaction(services.database.prisma, async (tx) => {
    const cleaning = await lockCleaning(tx, cleaningId);
    const status = await lockOffer(tx, caller.id, cleaningId);
    if (!status) throw domainError(ErrorCode.OFFER_NOT_FOUND);
    if (status !== "accepted") throw domainError(ErrorCode.OFFER_NOT_ACCEPTED);
    const updated = await tx.offer.update({
      where: { userId_cleaningId: { userId: caller.id, cleaningId } },
      data: { status: "cancelled" },
      select: offerPublicSelect,
    });
    await tx.offer.updateMany({
      where: { cleaningId, status: "rejected" },
      data: { status: "pending" },
    });
    if (cleaning.ownerId)
      await notify(services, tx, cleaning.ownerId, {
        subject: "An accepted offer was cancelled",
        lines: [
          `${caller.name} cancelled their accepted offer for your cleaning job "${cleaning.name}".`,
          "The other offers are pending again: you may accept one of them.",
        ],
        link: cleaningPage(cleaningId),
      });
    return updated;
  });
  deliverSoon(services);
  return toOfferPublic(cancelled);
}

/** O6: the offerer withdraws a pending offer (the row goes; they may offer again). */
export async function rescindOffer(
  services: Services,
  caller: Caller,
  cleaningId: number,
): Promise<OfferPublic> {
  const rescinded = await inTransaction(services.database.prisma, async (tx) => {
    await lockCleaning(tx, cleaningId);
    const status = await lockOffer(tx, caller.id, cleaningId);
    if (!status) throw domainError(ErrorCode.OFFER_NOT_FOUND);
    if (status !== "pending") throw domainError(ErrorCode.OFFER_NOT_PENDING);
    // Answered as it was: read before it goes.
    const where = { userId_cleaningId: { userId: caller.id, cleaningId } };
    const offer = await tx.offer.findUniqueOrThrow({ where, select: offerPublicSelect });
    await tx.offer.delete({ where });
    return offer;
  });
  return toOfferPublic(rescinded);
}

/** The caller's offers with their cleanings, newest first, a page at a time (keyset). */
export async function myOffers(
  db: PrismaClient,
  caller: { id: string },
  page: { cursor?: MyOffersCursorKey | undefined; limit: number },
): Promise<MyOffersPage> {
  const { limit } = page;
  const after = page.cursor && { createdAt: new Date(page.cursor[0]), cleaningId: page.cursor[1] };
  const rows = await db.offer.findMany({
    where: {
      userId: caller.id,
      ...(after && {
        OR: [
          { createdAt: { lt: after.createdAt } },
          { createdAt: after.createdAt, cleaningId: { lt: after.cleaningId } },
        ],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { cleaningId: "desc" }],
    take: rowsForPage(limit),
    select: {
      cleaningId: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      cleaning: {
        select: { id: true, name: true, price: true, cleaningType: true, ownerId: true },
      },
    },
  });
  const offers = rows.map(
    (row): MyOffer => ({
      cleaning_id: row.cleaningId,
      status: row.status,
      created_at: row.createdAt.toISOString(),
      updated_at: row.updatedAt.toISOString(),
      cleaning: {
        id: row.cleaning.id,
        name: row.cleaning.name,
        price: row.cleaning.price.toNumber(),
        cleaning_type: row.cleaning.cleaningType,
        owner_id: row.cleaning.ownerId,
      },
    }),
  );
  return pageOf(offers, limit, (last) => encodeCursor([last.created_at, last.cleaning_id]));
}
