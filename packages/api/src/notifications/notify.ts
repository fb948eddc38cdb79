// Marketplace notifications by mail: queued in the outbox inside the transaction of the event
// that caused them (an offer, an acceptance, an evaluation…), so a mail is never sent for
// something that did not commit, nor lost for something that did.
import { compose, type Mail } from "../mail/messages.ts";
import { enqueueMail } from "../mail/outbox.ts";
import type { Services } from "../services.ts";
import type { Transaction } from "../transactions.ts";

export type Notification = {
  subject: string;
  lines: string[];
  /** Where the recipient acts on it: a path of the web app, e.g. `/cleanings/12`. */
  link: { path: string; label: string };
};

/**
 * Queues `notification` for `userId` unless they turned marketplace mails off (an account
 * setting, on by default) or, with REQUIRE_VERIFICATION, have not verified their address.
 * Account mails (verification, reset) never pass through here.
 */
export async function notify(
  services: Services,
  tx: Transaction,
  userId: string,
  notification: Notification,
): Promise<void> {
  const recipient = await tx.user.findUnique({
    where: { id: userId },
    select: { email: true, name: true, marketplaceMails: true, isActive: true, isVerified: true },
  });
  if (!recipient?.isActive || !recipient.marketplaceMails) return;
  // An address its owner has not confirmed may be someone else's: it gets account mails only.
  if (services.config.requireVerification && !recipient.isVerified) return;
  await enqueueMail(tx, notificationMail(services.config.appUrl, recipient, notification));
}

/**
 * `notify` for many recipients of one event (every offer an acceptance rejects), in two
 * statements whatever their number.
 */
export async function notifyEach(
  services: Services,
  tx: Transaction,
  userIds: readonly string[],
  notification: Notification,
): Promise<void> {
  if (userIds.length === 0) return;
  const recipients = await tx.user.findMany({
    where: { id: { in: [...userIds] }, isActive: true, marketplaceMails: true },
    select: { email: true, name: true },
  });
  if (recipients.length === 0) return;
  await tx.outboxMail.createMany({
    data: recipients.map((recipient) =>
      notificationMail(services.config.appUrl, recipient, notification),
    ),
  });
}

export function notificationMail(
  appUrl: string,
  recipient: { email: string; name: string },
  notification: Notification,
): Mail {
  return compose(recipient.email, notification.subject, recipient.name, notification.lines, {
    url: `${appUrl}${notification.link.path}`,
    label: notification.link.label,
  });
}

/** After a commit that queued mail: send it now (with SMTP) rather than at the next sweep. */
export function deliverSoon(services: Services): void {
  void services.smtpDelivery?.deliverPending();
}
