import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getPhreshServer } from "@/server/services.ts";
import { getSessionUser } from "@/server/session.ts";
import { SignupForm } from "./signup-form.tsx";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignupPage() {
  if (await getSessionUser()) redirect("/cleanings");
  const { services } = await getPhreshServer();
  return (
    <section>
      <h1>Create your account</h1>
      <SignupForm policy={services.config.passwordPolicy} />
      <p>
        Already have an account? <a href="/login">Log in</a>
      </p>
    </section>
  );
}
