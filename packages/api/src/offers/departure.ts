// What deactivating an account does to its offers, inside the transaction that deactivates it: a
// deactivated account is hidden from everyone, so nobody could reach the cleaner, evaluate them
// (404) or see the job reopen. Each accepted offer is cancelled as its offerer would (O5: the
// cleaning's rejected offers are pending again, its owner is mailed) and each pending offer
// withdrawn as a rescind would (O6). Completed offers and evaluations stay: they are history.
// Reactivating the account restores nothing.
import { notify } from "../notifications/notify.ts";
import type { Services } from "../services.ts";
import type { Transaction } from "../transactions.ts";
import { cleaningPage } from "./offers.ts";

type Departing = { id: string; name: string };

export async function withdrawOffersOfDeactivatedAccount(
  services: Services,
  tx: Transaction,
  account: Departing,
): Promise<void> {
  // The cleanings first, in id order, as every writer of offers locks the cleaning before its
  // offers: the deactivation takes its turn with accepts, cancels and evaluations on each job.
  const cleanings = await tx.$queryRaw<{ id: number; name: string; owner_id: string | null }[]>`
    SELECT c.id, c.name, c.owner_id FROM cleanings c
    WHERE EXISTS (SELECT 1 FROM offers o WHERE o.cleaning_id = c.id
                  AND o.user_id = ${account.id}::uuid AND o.status IN ('pending', 'accepted'))
    ORDER BY c.id FOR UPDATE`;
  if (cleanings.length === 0) return;
  // Read again under the locks: an offer may have changed while this transaction waited for them.
  await tx.offer.deleteMany({ where: { userId: account.id, status: "pending" } });
  const cancelled = await tx.offer.updateManyAndReturn({
    where: { userId: account.id, status: "accepted" },
    data: { status: "cancelled" },
    select: { cleaningId: true },
  });
  const reopened = new Set(cancelled.map((offer) => offer.cleaningId));
  if (reopened.size === 0) return;
  await tx.offer.updateMany({
    where: { cleaningId: { in: [...reopened] }, status: "rejected" },
    data: { status: "pending" },
  });
  for (const cleaning of cleanings) {
    if (!reopened.has(cleaning.id) || !cleaning.owner_id) continue;
    await notify(services, tx, cleaning.owner_id, {
      subject: "An accepted offer was cancelled",
      lines: [
        `${account.name}'s account was deactivated: their accepted offer for your cleaning job "${cleaning.name}" is cancelled.`,
        "The other offers are pending again: you may accept one of them.",
      ],
      link: cleaningPage(cleaning.id),
    });
  }
}
