import type { Metadata } from "next";
import { ForgotPasswordForm } from "./forgot-password-form.tsx";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <section>
      <h1>Forgot your password?</h1>
      <p>Give the address of your account: we will mail you a link to choose a new password.</p>
      <ForgotPasswordForm />
    </section>
  );
}
