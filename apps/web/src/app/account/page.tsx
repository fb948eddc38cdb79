import { toUser } from "@phresh/api";
import type { Metadata } from "next";
import Link from "next/link";
import { getPhreshServer } from "@/server/services.ts";
import { requireUser } from "@/server/session.ts";
import { ResendVerification } from "../verify/resend-verification.tsx";
import { AccountSettings } from "./account-settings.tsx";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  const { services } = await getPhreshServer();
  const mustVerify = services.config.requireVerification && !user.isVerified;
  return (
    <section>
      <h1>Your account</h1>
      {mustVerify ? (
        <div className="card stack" role="status">
          <p>
            Your address {user.email} is not verified yet: open the link we mailed to it. Until then
            you can change your account here, but not post or see cleanings.
          </p>
          <ResendVerification email={user.email} />
        </div>
      ) : null}
      {mustVerify ? null : (
        <p>
          What others see of you (picture, full name, bio, phone) is your{" "}
          <Link href="/account/profile">profile</Link>.
        </p>
      )}
      <AccountSettings user={toUser(user)} policy={services.config.passwordPolicy} />
    </section>
  );
}
