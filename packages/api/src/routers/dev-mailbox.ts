// The development mailbox: the mails Phresh would have sent, while no SMTP is configured.
import { ErrorCode } from "../error-codes.ts";
import { domainError } from "../errors.ts";
import { currentRequest } from "../http/request-context.ts";
import { devMailboxServes } from "../mail/dev-mailbox-access.ts";
import { listOutbox } from "../mail/outbox.ts";
import { createRouter, publicProcedure } from "../trpc.ts";

export const devMailboxRouter = createRouter({
  /**
   * Newest first. Answers NOT_FOUND where the mailbox is off (SMTP configured, or production) or
   * to a client it does not serve (mail/dev-mailbox-access.ts).
   */
  list: publicProcedure.query(async ({ ctx }) => {
    if (!devMailboxServes(ctx.services.config, currentRequest()))
      throw domainError(ErrorCode.DEV_MAILBOX_DISABLED);
    return listOutbox(ctx.db);
  }),
});
