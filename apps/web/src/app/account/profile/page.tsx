import { PROFILE_LIMITS } from "@phresh/api/schemas";
import type { Metadata } from "next";
import Link from "next/link";
import { requireVerifiedUser, serverCaller } from "@/server/session.ts";
import { ProfileForm } from "./profile-form.tsx";

export const metadata: Metadata = { title: "Edit your profile" };

export default async function EditProfilePage() {
  await requireVerifiedUser("/account/profile");
  const profile = await (await serverCaller()).profiles.me();
  return (
    <section>
      <h1>Edit your profile</h1>
      <p className="muted">
        Everyone signed in sees your name, picture and bio. Your phone number and e-mail address are
        shown only to the person you do a job with, or who does yours, once an offer is accepted.
      </p>
      <ProfileForm profile={profile} limits={PROFILE_LIMITS} />
      <p>
        <Link href={`/profiles/${encodeURIComponent(profile.name)}`}>See your public profile</Link>
      </p>
    </section>
  );
}
