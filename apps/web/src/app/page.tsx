import { cleaningTypeLabels } from "@phresh/api/schemas";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getPhreshServer } from "@/server/services.ts";
import { getSessionUser, serverCaller } from "@/server/session.ts";
import { ActivityFeed } from "./_feed/activity-feed.tsx";

/** What a visitor sees: what Phresh is, and the way in. */
function Landing() {
  return (
    <section>
      <h1>Phresh: cleaning jobs, and people to do them</h1>
      <p>
        Need a place cleaned? Post the job with your price, and choose among the people who offer to
        do it. Want cleaning work? Search the jobs by a word, a kind of clean or a price, offer to
        do one, and build your rating with every job done well.
      </p>
      <div className="actions">
        <Link className="button" href="/signup">
          Sign up
        </Link>
        <Link className="button secondary" href="/login">
          Log in
        </Link>
      </div>
      <p className="muted">
        Building a client? <a href="/api/docs">Explore the API</a>.
      </p>
    </section>
  );
}

export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) return <Landing />;
  const { services } = await getPhreshServer();
  // The feed is for verified accounts (where that is required); /account says how to verify.
  if (services.config.requireVerification && !user.isVerified) redirect("/account");
  const readAt = new Date().toISOString();
  const firstPage = await (await serverCaller()).feed.cleanings({});
  return (
    <section>
      <h1>What is new</h1>
      <div className="actions">
        <Link className="button" href="/cleanings/new">
          Post a cleaning
        </Link>
        <Link className="button secondary" href="/jobs">
          Find jobs
        </Link>
      </div>
      <ActivityFeed firstPage={{ ...firstPage, readAt }} typeLabels={cleaningTypeLabels} />
    </section>
  );
}
