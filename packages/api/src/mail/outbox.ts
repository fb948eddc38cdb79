// The mail outbox. A mail is written in the same transaction as what caused it (an account, a
// reset token), so it is never lost nor sent for something that did not happen; with SMTP
// configured, `MailDelivery` sends it from here.
import type { PrismaClient } from "@phresh/db";
import type { Transaction } from "../transactions.ts";
import type { Mail } from "./messages.ts";

export async function enqueueMail(tx: Transaction, mail: Mail): Promise<void> {
  await tx.outboxMail.create({ data: mail });
}

export type OutboxEntry = Mail & { created_at: string };

/** The development mailbox: newest first. */
export async function listOutbox(db: PrismaClient, limit = 100): Promise<OutboxEntry[]> {
  const rows = await db.outboxMail.findMany({ orderBy: { id: "desc" }, take: limit });
  return rows.map((row) => ({
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html,
    created_at: row.createdAt.toISOString(),
  }));
}
