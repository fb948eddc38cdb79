// Interactive transactions for rules that check and write under row locks (the marketplace).
// Prisma's defaults (2 s to start, 5 s to run) depend on the machine's speed: on the embedded
// database every transaction waits its turn for the one connection, and on PostgreSQL for a pool
// connection, so a burst of requests on one cleaning could fail on time alone. These limits are
// generous; a transaction that still cannot start or finish is a busy server (503, retry), not
// an internal error.
import { isUniqueViolation, type Prisma, type PrismaClient } from "@phresh/db";
import { ErrorCode } from "./error-codes.ts";
import { errorMessages } from "./error-messages.ts";
import { domainError } from "./errors.ts";

export type Transaction = Prisma.TransactionClient;

const TRANSACTION_LIMITS = { maxWait: 15_000, timeout: 30_000 } as const;
const BUSY_RETRY_AFTER_SECONDS = 2;

/** Prisma's "Transaction API error": could not start in time, or ran out of time. */
const TRANSACTION_TIME_OUT = "P2028";

export async function inTransaction<T>(
  db: PrismaClient,
  work: (tx: Transaction) => Promise<T>,
  options: { onUniqueViolation?: ErrorCode } = {},
): Promise<T> {
  try {
    return await db.$transaction(work, TRANSACTION_LIMITS);
  } catch (error) {
    if ((error as { code?: unknown }).code === TRANSACTION_TIME_OUT)
      throw domainError(ErrorCode.SERVER_BUSY, errorMessages.SERVER_BUSY, BUSY_RETRY_AFTER_SECONDS);
    // The loser of a race on a unique index: a refusal the caller can understand, not a 500.
    if (options.onUniqueViolation && isUniqueViolation(error))
      throw domainError(options.onUniqueViolation);
    throw error;
  }
}
