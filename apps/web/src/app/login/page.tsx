import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/next-path.ts";
import { getSessionUser } from "@/server/session.ts";
import { LoginForm } from "./login-form.tsx";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; logged_out?: string | string[] }>;
}) {
  const query = await searchParams;
  const next = safeNextPath(query.next);
  if (await getSessionUser()) redirect(next);
  return (
    <section>
      <h1>Log in</h1>
      {query.logged_out ? (
        <p className="notice" role="status">
          {query.logged_out === "everywhere"
            ? "You are logged out, here and on every other device."
            : "You are logged out."}
        </p>
      ) : null}
      <LoginForm next={next} />
      <p>
        <a href="/forgot-password">Forgot your password?</a> · New here?{" "}
        <a href="/signup">Sign up</a>
      </p>
    </section>
  );
}
