// A person's public profile: who they are, their rating summary as a picture, and the
// evaluations they received, newest first, a page at a time (`?cursor=`). Contact details appear
// only when the API returns them (to the owner, and to the other party of an accepted or
// completed offer between the two).
import { evaluationCursorSchema } from "@phresh/api/schemas";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Avatar } from "@/components/avatar.tsx";
import { RatingSummary } from "@/components/rating-summary.tsx";
import { requireVerifiedUser, serverCaller } from "@/server/session.ts";
import { EvaluationList } from "./evaluation-list.tsx";
import styles from "./profile.module.css";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const memberSince = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** The route segment as text; a malformed escape is left as it is (no such name exists anyway). */
function segmentText(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Profile of ${segmentText((await params).name)}` };
}

/** The profile called `name`, or the not-found page (also for names that cannot exist). */
async function loadProfile(caller: Awaited<ReturnType<typeof serverCaller>>, name: string) {
  try {
    return await caller.profiles.byName({ name });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}

export default async function ProfilePage({ params, searchParams }: Props) {
  const name = segmentText((await params).name);
  const cursorText = (await searchParams).cursor;
  const cursor = typeof cursorText === "string" && cursorText !== "" ? cursorText : undefined;
  const path = `/profiles/${encodeURIComponent(name)}`;
  const user = await requireVerifiedUser(
    cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : path,
  );
  const caller = await serverCaller();
  const profile = await loadProfile(caller, name);
  const cursorIsValid = cursor === undefined || evaluationCursorSchema.safeParse(cursor).success;
  const [summary, evaluations] = await Promise.all([
    caller.evaluations.stats({ name: profile.name }),
    cursorIsValid ? caller.evaluations.listForCleaner({ name: profile.name, cursor }) : undefined,
  ]);
  const mine = profile.user_id === user.id;
  const profilePath = `/profiles/${encodeURIComponent(profile.name)}`;
  return (
    <section>
      <header className={styles.identity}>
        <Avatar
          name={profile.name}
          fullName={profile.full_name}
          image={profile.image}
          size="large"
        />
        <div className={styles.names}>
          <h1 className={styles.heading}>{profile.full_name || profile.name}</h1>
          <p className={styles.handle}>@{profile.name}</p>
          <p className="muted">Member since {memberSince.format(new Date(profile.created_at))}</p>
        </div>
      </header>
      {profile.bio?.trim() ? (
        <p className={styles.bio}>{profile.bio}</p>
      ) : (
        <p className="muted">{mine ? "You have not written a bio yet." : "No bio yet."}</p>
      )}
      {profile.email !== undefined ? (
        <dl className="details" aria-label="Contact">
          <dt>E-mail</dt>
          <dd>
            <a href={`mailto:${profile.email}`}>{profile.email}</a>
          </dd>
          <dt>Phone</dt>
          <dd data-testid="profile-phone">
            {profile.phone_number ? (
              <a href={`tel:${profile.phone_number}`}>{profile.phone_number}</a>
            ) : (
              <span className="muted">No phone number given</span>
            )}
          </dd>
        </dl>
      ) : null}
      {mine ? (
        <div className="actions">
          <Link className="button secondary" href="/account/profile">
            Edit your profile
          </Link>
        </div>
      ) : null}
      <RatingSummary summary={summary} />
      <h2>Evaluations received</h2>
      {evaluations ? (
        <EvaluationList
          page={evaluations}
          profilePath={profilePath}
          isLaterPage={cursor !== undefined}
        />
      ) : (
        <p role="alert">
          This page link is broken. <Link href={profilePath}>See the newest evaluations</Link>.
        </p>
      )}
    </section>
  );
}
