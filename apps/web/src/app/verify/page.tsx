import type { Metadata } from "next";
import { VerifyEmail } from "./verify-email.tsx";

export const metadata: Metadata = { title: "Verify your e-mail" };

export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return (
    <section>
      <h1>Verify your e-mail address</h1>
      <VerifyEmail token={token ?? ""} />
    </section>
  );
}
