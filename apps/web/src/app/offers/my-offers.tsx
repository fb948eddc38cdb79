"use client";
// The caller's offers, grouped by status, a page at a time (newest first within a group). The
// type labels come from the server as a prop: importing them here would bring zod (their
// module's schemas) into the page's first-load JavaScript.
import type { CleaningType, MyOffer } from "@phresh/api/schemas";
import Link from "next/link";
import { LoadMoreButton } from "@/components/load-more-button.tsx";
import { type ReadPage, useLoadMore } from "@/components/use-load-more.ts";
import { formatDateTime, formatPrice } from "@/lib/format.ts";
import { formatRelativeTime } from "@/lib/relative-time.ts";
import { trpc } from "@/trpc/react.tsx";
import styles from "./my-offers.module.css";
import { groupOffers } from "./offer-groups.ts";

export function MyOffers({
  firstPage,
  typeLabels,
}: {
  firstPage: ReadPage<MyOffer>;
  typeLabels: Record<CleaningType, string>;
}) {
  const utils = trpc.useUtils();
  const offers = useLoadMore(firstPage, (cursor) => utils.client.offers.mine.query({ cursor }));
  const readAt = new Map(
    offers.pages.flatMap((page) => page.items.map((offer) => [offer.cleaning_id, page.readAt])),
  );
  const groups = groupOffers(offers.pages.flatMap((page) => page.items));
  if (groups.length === 0)
    return (
      <div className="card">
        <h2>You have not offered to clean anything yet.</h2>
        <p>
          Find a job you would like to do in <Link href="/jobs">Find jobs</Link> (search by a word,
          a kind of clean or a price), open it, and offer to do it. Your offers and their answers
          then show here.
        </p>
      </div>
    );
  return (
    <>
      {groups.map((group) => (
        <section key={group.status} aria-labelledby={`offers-${group.status}`}>
          <h2 id={`offers-${group.status}`} className={styles.groupTitle}>
            {group.title} <span className="muted">({group.offers.length})</span>
          </h2>
          <p className={`muted ${styles.explanation}`}>{group.explanation}</p>
          <ul className={styles.offers}>
            {group.offers.map((offer) => (
              <li key={offer.cleaning_id}>
                {/* No prefetching: each would render a job's page on the server. */}
                <Link
                  href={`/cleanings/${offer.cleaning_id}`}
                  className={styles.job}
                  prefetch={false}
                >
                  {offer.cleaning.name}
                </Link>
                <span className="muted">
                  {formatPrice(offer.cleaning.price)} · {typeLabels[offer.cleaning.cleaning_type]} ·
                  offered{" "}
                  <time dateTime={offer.created_at} title={formatDateTime(offer.created_at)}>
                    {formatRelativeTime(
                      offer.created_at,
                      readAt.get(offer.cleaning_id) ?? firstPage.readAt,
                    )}
                  </time>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <LoadMoreButton list={offers} label="Load older offers" />
    </>
  );
}
