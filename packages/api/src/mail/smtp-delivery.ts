// Sends outbox mails through SMTP (nodemailer). Several app instances may run: each claims a
// batch with FOR UPDATE SKIP LOCKED, so a mail goes out once; a claim older than five minutes
// (an instance died mid-send) is retried.
import type { PrismaClient } from "@phresh/db";
import type { Transporter } from "nodemailer";

const SWEEP_INTERVAL_MS = 30_000;
const BATCH_SIZE = 20;
const MAX_ATTEMPTS = 10;

type ClaimedMail = {
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
};

export class SmtpDelivery {
  /** Loaded with the first SmtpDelivery: nodemailer holds about 10 MiB that a process without SMTP_URL never needs. */
  readonly #transport: Promise<Transporter>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(
    private readonly db: PrismaClient,
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.#transport = import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport(smtpUrl),
    );
  }

  start(): void {
    this.#timer = setInterval(() => this.deliverPending(), SWEEP_INTERVAL_MS);
    this.#timer.unref();
    this.deliverPending();
  }

  /** Sends what is pending now; safe to call often (calls coalesce). */
  deliverPending(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        void this.deliverPending();
      }
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
    (await this.#transport).close();
  }

  async #drain(): Promise<void> {
    try {
      while (true) {
        const batch = await this.#claim();
        if (batch.length === 0) return;
        for (const mail of batch) await this.#send(mail);
      }
    } catch (error) {
      // The database is unreachable: the next sweep tries again.
      console.error(`Mail delivery paused: ${(error as Error).message}`);
    }
  }

  #claim(): Promise<ClaimedMail[]> {
    return this.db.$queryRaw<ClaimedMail[]>`
      UPDATE "mail_outbox" SET "delivery_started_at" = now(), "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "mail_outbox"
        WHERE "delivered_at" IS NULL AND "attempts" < ${MAX_ATTEMPTS}
          AND ("delivery_started_at" IS NULL OR "delivery_started_at" < now() - interval '5 minutes')
        ORDER BY "id" LIMIT ${BATCH_SIZE}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "to", "subject", "text", "html", "attempts"`;
  }

  async #send(mail: ClaimedMail): Promise<void> {
    try {
      await (await this.#transport).sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      await this.db.outboxMail.update({
        where: { id: mail.id },
        data: { deliveredAt: new Date(), lastError: null },
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // The claim stays, so the mail is tried again when it goes stale: five minutes of back-off.
      await this.db.outboxMail.update({
        where: { id: mail.id },
        data: { lastError: reason.slice(0, 500) },
      });
    }
  }
}
