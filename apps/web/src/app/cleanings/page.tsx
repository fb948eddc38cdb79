import { cleaningTypeLabels } from "@phresh/api/schemas";
import type { Metadata } from "next";
import Link from "next/link";
import { formatPrice } from "@/lib/format.ts";
import { requireVerifiedUser, serverCaller } from "@/server/session.ts";

export const metadata: Metadata = { title: "My cleanings" };

export default async function CleaningsPage() {
  await requireVerifiedUser("/cleanings");
  const cleanings = await (await serverCaller()).cleanings.list();
  return (
    <section>
      <h1>My cleanings</h1>
      <div className="actions">
        <Link className="button" href="/cleanings/new">
          Post a cleaning
        </Link>
      </div>
      {cleanings.length === 0 ? (
        <p className="muted">You have not posted any cleaning yet.</p>
      ) : (
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
                  <Link href={`/cleanings/${cleaning.id}`}>{cleaning.name}</Link>
                </td>
                <td className="optional">{cleaningTypeLabels[cleaning.cleaning_type]}</td>
                <td className="money">{formatPrice(cleaning.price)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
