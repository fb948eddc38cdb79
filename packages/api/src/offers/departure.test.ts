// Deactivating an account withdraws it from the marketplace in the same transaction: accepted
// offers cancelled (the job reopens, its owner is mailed), pending ones withdrawn; completed
// offers and evaluations stay; reactivation restores nothing.
import { testDatabaseKind } from "@phresh/db/testing";
import { describe, expect, it } from "vitest";
import { createAccount, serveDuringTests } from "../testing.ts";

const served = serveDuringTests();

type Account = Awaited<ReturnType<typeof createAccount>>;

const account = () => createAccount(served.services);

async function jobOf(owner: Account, name: string) {
  return owner.caller.cleanings.create({ name, price: 30, cleaning_type: "spot_clean" });
}

async function statusesOf(cleaningId: number) {
  const offers = await served.services.database.prisma.offer.findMany({
    where: { cleaningId },
    select: { userId: true, status: true },
  });
  return Object.fromEntries(offers.map((offer) => [offer.userId, offer.status]));
}

const mailsTo = (email: string) =>
  served.services.database.prisma.outboxMail.findMany({ where: { to: email } });

describe(`deactivating an account on ${testDatabaseKind}`, () => {
  it("cancels its accepted offers, withdraws its pending ones, keeps completed ones and evaluations, and mails the owners", async () => {
    const admin = await createAccount(served.services, { superuser: true });
    const [owner, cleaner, rival] = [await account(), await account(), await account()];
    const assigned = await jobOf(owner, "Assigned job");
    const pending = await jobOf(owner, "Pending job");
    const done = await jobOf(owner, "Done job");
    for (const job of [assigned, pending, done])
      await cleaner.caller.offers.make({ cleaning_id: job.id });
    await rival.caller.offers.make({ cleaning_id: assigned.id });
    await owner.caller.offers.accept({ cleaning_id: assigned.id, name: cleaner.name });
    await owner.caller.offers.accept({ cleaning_id: done.id, name: cleaner.name });
    await owner.caller.evaluations.create({
      name: cleaner.name,
      cleaning_id: done.id,
      evaluation: { overall_rating: 5 },
    });
    const mailsBefore = (await mailsTo(owner.email)).length;

    await admin.caller.users.update({ id: cleaner.user.id, patch: { is_active: false } });

    expect(await statusesOf(assigned.id)).toEqual({
      [cleaner.user.id]: "cancelled",
      [rival.user.id]: "pending",
    });
    expect(await statusesOf(pending.id)).toEqual({});
    expect(await statusesOf(done.id)).toEqual({ [cleaner.user.id]: "completed" });
    const evaluations = await served.services.database.prisma.evaluation.count({
      where: { cleanerId: cleaner.user.id },
    });
    expect(evaluations).toBe(1);
    const newMails = (await mailsTo(owner.email)).slice(mailsBefore);
    expect(newMails.map((mail) => mail.subject)).toEqual(["An accepted offer was cancelled"]);
    expect(newMails[0]?.text).toContain(`"Assigned job" is cancelled`);
    // The job is open again: the owner may accept the rival.
    const accepted = await owner.caller.offers.accept({
      cleaning_id: assigned.id,
      name: rival.name,
    });
    expect(accepted.status).toBe("accepted");

    await admin.caller.users.update({ id: cleaner.user.id, patch: { is_active: true } });
    expect(await statusesOf(pending.id)).toEqual({});
    expect((await statusesOf(assigned.id))[cleaner.user.id]).toBe("cancelled");
  });

  it("does the same when a superuser deactivates through PATCH /api/users/{id}", async () => {
    const admin = await createAccount(served.services, { superuser: true });
    const [owner, cleaner] = [await account(), await account()];
    const job = await jobOf(owner, "Over REST");
    await cleaner.caller.offers.make({ cleaning_id: job.id });
    await owner.caller.offers.accept({ cleaning_id: job.id, name: cleaner.name });
    const response = await fetch(`${served.server.url}/api/users/${cleaner.user.id}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${admin.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ is_active: false }),
    });
    expect(response.status).toBe(200);
    expect(await statusesOf(job.id)).toEqual({ [cleaner.user.id]: "cancelled" });
  });

  it("leaves the offers alone when anything else about the account changes", async () => {
    const admin = await createAccount(served.services, { superuser: true });
    const [owner, cleaner] = [await account(), await account()];
    const job = await jobOf(owner, "Untouched");
    await cleaner.caller.offers.make({ cleaning_id: job.id });
    await admin.caller.users.update({ id: cleaner.user.id, patch: { is_verified: true } });
    expect(await statusesOf(job.id)).toEqual({ [cleaner.user.id]: "pending" });
  });
});
