// The rules of evaluations: the owner of a cleaning evaluates the cleaner whose offer they
// accepted, once; that completes the offer in the same transaction. Evaluations outlive their
// cleaning (a cleaner's reputation is theirs), so lists and summaries never join cleanings.
import type { Prisma, PrismaClient } from "@phresh/db";
import { findActiveUserByName } from "../auth/user-by-name.ts";
import { ErrorCode } from "../error-codes.ts";
import { domainError } from "../errors.ts";
import { encodeCursor, pageOf, rowsForPage } from "../listings/paging.ts";
import { deliverSoon, notify } from "../notifications/notify.ts";
import type { Services } from "../services.ts";
import { inTransaction, type Transaction } from "../transactions.ts";
import type {
  Evaluation,
  EvaluationAggregate,
  EvaluationCreate,
  EvaluationCursorKey,
  EvaluationPage,
} from "./schemas.ts";

type EvaluationRow = Prisma.EvaluationGetPayload<true>;

function toEvaluation(row: EvaluationRow): Evaluation {
  return {
    cleaning_id: row.cleaningId,
    cleaning_name: row.cleaningName,
    cleaner_id: row.cleanerId,
    no_show: row.noShow,
    headline: row.headline,
    comment: row.comment,
    professionalism: row.professionalism,
    completeness: row.completeness,
    efficiency: row.efficiency,
    overall_rating: row.overallRating,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

async function existingCleaning(db: Transaction, id: number) {
  const cleaning = await db.cleaning.findUnique({ where: { id }, select: { id: true } });
  if (!cleaning) throw domainError(ErrorCode.CLEANING_NOT_FOUND);
}

async function cleanerCalled(db: Transaction, name: string) {
  const cleaner = await findActiveUserByName(db, name);
  if (!cleaner) throw domainError(ErrorCode.USER_NOT_FOUND);
  return cleaner;
}

/**
 * `owner` evaluates `cleanerName`'s work on cleaning `cleaningId`. Checks, in order: the
 * cleaning (404), the cleaner (404), that the caller owns the cleaning (403, before any offer
 * is looked up, so a stranger learns nothing about offers), the offer (404), that it is
 * accepted (400, which also refuses a second evaluation: the offer is then completed).
 */
export async function evaluateCleaner(
  services: Services,
  owner: { id: string; name: string },
  input: { name: string; cleaning_id: number; evaluation: EvaluationCreate },
): Promise<Evaluation> {
  const db = services.database.prisma;
  // The (cleaning, cleaner) key decides a race of duplicates: another evaluation got there first.
  const row = await inTransaction(
    db,
    async (tx): Promise<EvaluationRow> => {
      // FOR NO KEY UPDATE: conflicts with a new offer's FOR SHARE, so no offer slips onto the job
      // while it is being completed; it still lets the evaluation's own foreign key take its KEY
      // SHARE, and a concurrent delete of the cleaning waits for us instead of deadlocking.
      const [cleaning] = await tx.$queryRaw<{ name: string; ownerId: string | null }[]>`
        SELECT name, owner_id AS "ownerId" FROM cleanings WHERE id = ${input.cleaning_id}
        FOR NO KEY UPDATE`;
      if (!cleaning) throw domainError(ErrorCode.CLEANING_NOT_FOUND);
      const cleaner = await cleanerCalled(tx, input.name);
      if (cleaning.ownerId !== owner.id) throw domainError(ErrorCode.EVALUATION_NOT_OWNER);
      // Conditional: of concurrent evaluations, one completes the offer, the others find it done.
      const completed = await tx.offer.updateMany({
        where: { userId: cleaner.id, cleaningId: input.cleaning_id, status: "accepted" },
        data: { status: "completed" },
      });
      if (completed.count === 0) {
        const offer = await tx.offer.findUnique({
          where: { userId_cleaningId: { userId: cleaner.id, cleaningId: input.cleaning_id } },
          select: { status: true },
        });
        throw domainError(offer ? ErrorCode.OFFER_NOT_ACCEPTED : ErrorCode.OFFER_NOT_FOUND);
      }
      const { evaluation } = input;
      const created = await tx.evaluation.create({
        data: {
          cleaningId: input.cleaning_id,
          cleaningName: cleaning.name,
          cleanerId: cleaner.id,
          noShow: evaluation.no_show,
          headline: evaluation.headline ?? null,
          comment: evaluation.comment ?? null,
          professionalism: evaluation.professionalism ?? null,
          completeness: evaluation.completeness ?? null,
          efficiency: evaluation.efficiency ?? null,
          overallRating: evaluation.overall_rating,
        },
      });
      await notify(services, tx, cleaner.id, {
        subject: `You were evaluated for “${cleaning.name}”`,
        lines: [
          `${owner.name} evaluated your work on “${cleaning.name}”: ${evaluation.overall_rating} out of 5.`,
          "Evaluations appear on your profile.",
        ],
        link: { path: `/profiles/${encodeURIComponent(cleaner.name)}`, label: "See your profile" },
      });
      return created;
    },
    { onUniqueViolation: ErrorCode.OFFER_NOT_ACCEPTED },
  );
  deliverSoon(services);
  return toEvaluation(row);
}

/** Newest first, one page: `limit` evaluations after `cursor`. Two statements, whatever the limit. */
export async function listEvaluations(
  db: PrismaClient,
  input: { name: string; limit: number; cursor?: EvaluationCursorKey | undefined },
): Promise<EvaluationPage> {
  const cleaner = await cleanerCalled(db, input.name);
  const after = input.cursor && { createdAt: new Date(input.cursor[0]), id: input.cursor[1] };
  const rows = await db.evaluation.findMany({
    where: {
      cleanerId: cleaner.id,
      ...(after && {
        OR: [
          { createdAt: { lt: after.createdAt } },
          { createdAt: after.createdAt, id: { lt: after.id } },
        ],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: rowsForPage(input.limit),
  });
  // The cursor needs the row's id, which the answer leaves out: paged first, then mapped.
  const page = pageOf(rows, input.limit, (last) =>
    encodeCursor([last.createdAt.toISOString(), last.id]),
  );
  return { ...page, items: page.items.map(toEvaluation) };
}

/** A cleaner's summary in one aggregate statement; zeros and nulls when there is nothing yet. */
export async function evaluationSummary(
  db: PrismaClient,
  name: string,
): Promise<EvaluationAggregate> {
  const cleaner = await cleanerCalled(db, name);
  const [summary] = await db.$queryRaw<EvaluationAggregate[]>`
    SELECT
      AVG(professionalism)::float8 AS avg_professionalism,
      AVG(completeness)::float8 AS avg_completeness,
      AVG(efficiency)::float8 AS avg_efficiency,
      AVG(overall_rating)::float8 AS avg_overall_rating,
      MIN(overall_rating)::int AS min_overall_rating,
      MAX(overall_rating)::int AS max_overall_rating,
      COUNT(*) FILTER (WHERE overall_rating = 1)::int AS one_stars,
      COUNT(*) FILTER (WHERE overall_rating = 2)::int AS two_stars,
      COUNT(*) FILTER (WHERE overall_rating = 3)::int AS three_stars,
      COUNT(*) FILTER (WHERE overall_rating = 4)::int AS four_stars,
      COUNT(*) FILTER (WHERE overall_rating = 5)::int AS five_stars,
      COUNT(*)::int AS total_evaluations,
      COUNT(*) FILTER (WHERE no_show)::int AS total_no_show
    FROM evaluations
    WHERE cleaner_id = ${cleaner.id}::uuid`;
  if (!summary) throw new Error("an aggregate without GROUP BY returned no row");
  return summary;
}

/** The evaluation of `name` for cleaning `cleaningId`: 404 for the cleaning, the user, then it. */
export async function evaluationForCleaning(
  db: PrismaClient,
  input: { name: string; cleaning_id: number },
): Promise<Evaluation> {
  await existingCleaning(db, input.cleaning_id);
  const cleaner = await cleanerCalled(db, input.name);
  const row = await db.evaluation.findFirst({
    where: { cleaningId: input.cleaning_id, cleanerId: cleaner.id },
  });
  if (!row) throw domainError(ErrorCode.EVALUATION_NOT_FOUND);
  return toEvaluation(row);
}
