import { toUser } from "@phresh/api";
import type { Metadata } from "next";
import { getPhreshServer } from "@/server/services.ts";
import { requireUser } from "@/server/session.ts";
import { AccountSettings } from "./account-settings.tsx";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  const { services } = await getPhreshServer();
  return (
    <section>
      <h1>Your account</h1>
      <AccountSettings user={toUser(user)} policy={services.config.passwordPolicy} />
    </section>
  );
}
