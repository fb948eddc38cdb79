import type { Metadata } from "next";
import { requireUser } from "@/server/session.ts";
import { CleaningForm } from "../cleaning-form.tsx";

export const metadata: Metadata = { title: "Post a cleaning" };

export default async function NewCleaningPage() {
  await requireUser("/cleanings/new");
  return (
    <section>
      <h1>Post a cleaning</h1>
      <CleaningForm />
    </section>
  );
}
