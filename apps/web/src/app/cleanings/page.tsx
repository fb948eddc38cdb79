import { cleaningTypeLabels } from "@phresh/api/schemas";
import type { Metadata } from "next";
import Link from "next/link";
import { formatPrice } from "@/lib/format.ts";
import { requireVerifiedUser, serverCaller } from "@/server/session.ts";

export const metadata: Metadata = { title: "My cleanings" };

export default async function CleaningsPage({
  searchParams,
}: {
  searchParams: Promise<{ deleted?: string | string[] }>;
}) {
  await requireVerifiedUser("/cleanings");
  const [cleanings, query] = await Promise.all([
    (await serverCaller()).cleanings.list(),
    searchParams,
  ]);
  return (
    <section>
      <h1>My cleanings</h1>
      {/* Where a job's page lands after deleting it. */}
      {query.deleted ? (
        <p className="notice" role="status">
          The cleaning was deleted.
        </p>
      ) : null}
      {cleanings.length === 0 ? (
        <div className="card">
          <h2>You have not posted any cleaning yet.</h2>
          <p>
            A cleaning is a job you want done: say what needs cleaning, the price you pay and the
            kind of clean. People who clean offer to do it, and you choose one of them.
          </p>
          <div className="actions">
            <Link className="button" href="/cleanings/new">
              Post your first cleaning
            </Link>
          </div>
        </div>
      ) : (
        <>
          <div className="actions">
            <Link className="button" href="/cleanings/new">
              Post a cleaning
            </Link>
          </div>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="optional">
                  Type
                </th>
                <th scope="col" className="money">
                  Price
                </th>
              </tr>
            </thead>
            <tbody>
              {cleanings.map((cleaning) => (
                <tr key={cleaning.id}>
                  <td>
                    {/* No prefetching: each would render a job's page on the server. */}
                    <Link href={`/cleanings/${cleaning.id}`} prefetch={false}>
                      {cleaning.name}
                    </Link>
                  </td>
                  <td className="optional">{cleaningTypeLabels[cleaning.cleaning_type]}</td>
                  <td className="money">{formatPrice(cleaning.price)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
