// Open jobs: cleanings that still take offers (none of theirs is accepted or completed), of
// someone else, found by full text and filters, in one statement per page. The page's ids are
// chosen first (search, filters, keyset order: served by cleanings_search or its type's own, the
// (created_at, id) or (price, id) indexes and the partial unique index of assigned offers),
// then only those rows are joined to their owner and profile and count their offers.
import { type Cleaning as CleaningRow, type Database, Prisma } from "@phresh/db";
import { priceToDecimal, toCleaning } from "../cleanings/records.ts";
import type { CleaningType } from "../cleanings/schemas.ts";
import { CLEANING_COLUMNS } from "../listings/cleaning-columns.ts";
import {
  OWNER_COLUMNS,
  OWNER_DEACTIVATED,
  OWNER_JOINS,
  type OwnerColumns,
  toPublicOwner,
} from "../listings/owner.ts";
import { encodeCursor, pageOf, rowsForPage } from "../listings/paging.ts";
import type { OfferStatus } from "../offers/schemas.ts";
import type { JobCursorKey, JobSearchPage, JobSearchQuery, JobSort, OpenJob } from "./schemas.ts";

/** The statement keeps only cleanings with an owner, so the owner's columns are there. */
type JobRow = CleaningRow &
  OwnerColumns & { totalOffers: number; myOfferStatus: OfferStatus | null };

/** The expression of the full-text index `cleanings_search`: the query must repeat it exactly. */
const SEARCHABLE_TEXT = Prisma.sql`to_tsvector('english', c.name || ' ' || coalesce(c.description, ''))`;

const ORDER: Record<JobSort, Prisma.Sql> = {
  newest: Prisma.sql`c.created_at DESC, c.id DESC`,
  price_asc: Prisma.sql`c.price ASC, c.id ASC`,
  price_desc: Prisma.sql`c.price DESC, c.id DESC`,
};

function afterCursor(cursor: JobCursorKey): Prisma.Sql {
  const [sort, key, id] = cursor;
  switch (sort) {
    case "newest":
      return Prisma.sql`(c.created_at, c.id) < (${key}::timestamptz, ${id}::int)`;
    case "price_asc":
      return Prisma.sql`(c.price, c.id) > (${key}::numeric, ${id}::int)`;
    case "price_desc":
      return Prisma.sql`(c.price, c.id) < (${key}::numeric, ${id}::int)`;
  }
}

/**
 * A type as a literal, not a parameter: each type has its own full-text index (migration
 * typed_job_search), and only a literal lets the planner prove that index's predicate in the
 * generic plan of a prepared statement. The three texts come from this table, never from input.
 */
const OF_TYPE: Record<CleaningType, Prisma.Sql> = {
  dust_up: Prisma.sql`c.cleaning_type = 'dust_up'`,
  spot_clean: Prisma.sql`c.cleaning_type = 'spot_clean'`,
  full_clean: Prisma.sql`c.cleaning_type = 'full_clean'`,
};

/** Nobody would accept an offer on it: one of its offers is accepted or completed. */
const ASSIGNED = Prisma.sql`EXISTS (SELECT 1 FROM offers assigned WHERE assigned.cleaning_id = c.id
  AND assigned.status IN ('accepted', 'completed'))`;

/** What a job of someone else's, matching the query and after its cursor, satisfies. */
function matching(query: JobSearchQuery, callerId: string): Prisma.Sql[] {
  // Also leaves out cleanings without an owner: NULL <> anything is not true.
  const all = [Prisma.sql`c.owner_id <> ${callerId}::uuid`];
  if (query.q)
    all.push(Prisma.sql`${SEARCHABLE_TEXT} @@ websearch_to_tsquery('english', ${query.q})`);
  if (query.type) all.push(OF_TYPE[query.type]);
  if (query.min_price !== undefined)
    all.push(Prisma.sql`c.price >= ${priceToDecimal(query.min_price)}::numeric`);
  if (query.max_price !== undefined)
    all.push(Prisma.sql`c.price <= ${priceToDecimal(query.max_price)}::numeric`);
  if (query.cursor) all.push(afterCursor(query.cursor));
  return all;
}

/**
 * The search's one statement: `size` open jobs for `callerId`, in the query's order.
 *
 * With words to find, the matching jobs are gathered first (MATERIALIZED: through the full-text
 * index), sorted, and then checked for being open one by one until the page is full: the check
 * (an owner still active, no assigned offer) costs two index probes, so it runs for about a
 * page of rows instead of every match (0.24 of 2.6 ms for a word in 1 job of 150). The checks are
 * scalar subqueries so that the planner cannot turn them into joins, which might not keep the
 * sorted order the LIMIT relies on. Left to itself, the planner may instead walk the
 * (created_at, id) or (price, id) index and compute each row's tsvector until a page is full:
 * measured on 100,000 cleanings, a word in 1 job of 300 took a second instead of 2 ms.
 */
export function jobSearchStatement(
  query: JobSearchQuery & { size: number },
  callerId: string,
): Prisma.Sql {
  const order = ORDER[query.sort];
  const where = Prisma.join(matching(query, callerId), " AND ");
  const page = query.q
    ? Prisma.sql`candidates AS MATERIALIZED (
        SELECT c.id, c.created_at, c.price, c.owner_id FROM cleanings c WHERE ${where}
      ), page AS (
        SELECT c.id FROM (SELECT * FROM candidates c ORDER BY ${order} OFFSET 0) c
        WHERE NOT (SELECT ${OWNER_DEACTIVATED}) AND NOT (SELECT ${ASSIGNED})
        LIMIT ${query.size}
      )`
    : Prisma.sql`page AS (
        SELECT c.id FROM cleanings c
        WHERE ${where} AND NOT ${OWNER_DEACTIVATED} AND NOT ${ASSIGNED}
        ORDER BY ${order} LIMIT ${query.size}
      )`;
  return Prisma.sql`
    WITH ${page}
    SELECT ${CLEANING_COLUMNS}, ${OWNER_COLUMNS},
      (SELECT count(*)::int FROM offers o WHERE o.cleaning_id = c.id) AS "totalOffers",
      (SELECT o.status::text FROM offers o WHERE o.cleaning_id = c.id AND o.user_id = ${callerId}::uuid)
        AS "myOfferStatus"
    FROM page JOIN cleanings c ON c.id = page.id
    ${OWNER_JOINS}
    ORDER BY ${order}`;
}

function cursorAfter(job: OpenJob, sort: JobSort): string {
  if (sort === "newest") return encodeCursor([sort, job.created_at, job.id]);
  return encodeCursor([sort, priceToDecimal(job.price), job.id]);
}

/**
 * One page of the jobs `callerId` could offer on. Cleanings without an owner (from before
 * accounts) or whose owner's account is deactivated are left out: no one could accept an offer
 * on them. By the raw path (raw-statements.ts in @phresh/db), as the marketplace's hottest read.
 */
export async function searchOpenJobs(
  sql: Database["sql"],
  callerId: string,
  query: JobSearchQuery,
): Promise<JobSearchPage> {
  const statement = jobSearchStatement({ ...query, size: rowsForPage(query.limit) }, callerId);
  const rows = await sql<JobRow>`${statement}`;
  const jobs = rows.map(
    (row): OpenJob => ({
      ...toCleaning(row),
      owner: toPublicOwner(row),
      total_offers: row.totalOffers,
      my_offer_status: row.myOfferStatus,
    }),
  );
  return pageOf(jobs, query.limit, (last) => cursorAfter(last, query.sort));
}
