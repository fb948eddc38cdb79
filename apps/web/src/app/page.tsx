import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/session.ts";

export default async function HomePage() {
  if (await getSessionUser()) redirect("/cleanings");
  return (
    <section>
      <h1>Phresh</h1>
      <p>Post cleaning jobs, and soon find people to bid on them.</p>
      <div className="actions">
        <a className="button" href="/signup">
          Sign up
        </a>
        <a className="button secondary" href="/login">
          Log in
        </a>
      </div>
      <p className="muted">
        Building a client? <a href="/api/docs">Explore the API</a>.
      </p>
    </section>
  );
}
