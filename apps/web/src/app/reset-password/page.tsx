import type { Metadata } from "next";
import { getPhreshServer } from "@/server/services.ts";
import { ResetPasswordForm } from "./reset-password-form.tsx";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const [{ token }, { services }] = await Promise.all([searchParams, getPhreshServer()]);
  return (
    <section>
      <h1>Choose a new password</h1>
      <ResetPasswordForm token={token ?? ""} policy={services.config.passwordPolicy} />
    </section>
  );
}
