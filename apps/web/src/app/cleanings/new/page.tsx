import type { Metadata } from "next";
import { requireVerifiedUser } from "@/server/session.ts";
import { CleaningForm } from "../cleaning-form.tsx";

export const metadata: Metadata = { title: "Post a cleaning" };

export default async function NewCleaningPage() {
  await requireVerifiedUser("/cleanings/new");
  return (
    <section>
      <h1>Post a cleaning</h1>
      <CleaningForm />
    </section>
  );
}
