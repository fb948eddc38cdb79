import { cleaningTypeLabels } from "@phresh/api/schemas";
import type { Metadata } from "next";
import { requireVerifiedUser, serverCaller } from "@/server/session.ts";
import { MyOffers } from "./my-offers.tsx";

export const metadata: Metadata = { title: "My offers" };

export default async function MyOffersPage() {
  await requireVerifiedUser("/offers");
  const readAt = new Date().toISOString();
  const firstPage = await (await serverCaller()).offers.mine({});
  return (
    <section>
      <h1>My offers</h1>
      <MyOffers firstPage={{ ...firstPage, readAt }} typeLabels={cleaningTypeLabels} />
    </section>
  );
}
