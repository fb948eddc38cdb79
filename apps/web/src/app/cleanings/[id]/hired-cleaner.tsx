// Who the owner hired: their name and picture, their contact details (the API gives them to the
// other party of an accepted or completed offer), and the evaluation form, or the evaluation.
import { EVALUATION_LIMITS } from "@phresh/api/schemas";
import Link from "next/link";
import { Avatar } from "@/components/avatar.tsx";
import { formatDateTime } from "@/lib/format.ts";
import { EvaluateForm } from "./evaluate-form.tsx";
import { EvaluationCard } from "./evaluation-card.tsx";
import styles from "./job.module.css";
import type { Evaluation, Job, JobOffer, Profile } from "./load-job.ts";

export function HiredCleaner({
  job,
  offer,
  profile,
  evaluation,
}: {
  job: Job;
  offer: JobOffer;
  profile: Profile | undefined;
  evaluation: Evaluation | undefined;
}) {
  const name = offer.user.name;
  const shownName = offer.user.profile.full_name?.trim() || name;
  return (
    <>
      <section className="card" aria-labelledby="hired-heading">
        <h2 id="hired-heading">{offer.status === "completed" ? "Done by" : "Who is doing it"}</h2>
        <p className={styles.person}>
          <Avatar
            name={name}
            fullName={offer.user.profile.full_name}
            image={offer.user.profile.image}
          />
          <Link href={`/profiles/${encodeURIComponent(name)}`}>{shownName}</Link>
          <span className="muted">
            {offer.status === "completed" ? "evaluated" : "hired"} on{" "}
            {formatDateTime(offer.updated_at)}
          </span>
        </p>
        {profile?.email || profile?.phone_number ? (
          <dl className={`details ${styles.contact}`} data-testid="hired-contact">
            {profile.email ? (
              <>
                <dt>E-mail</dt>
                <dd>
                  <a href={`mailto:${profile.email}`}>{profile.email}</a>
                </dd>
              </>
            ) : null}
            {profile.phone_number ? (
              <>
                <dt>Phone</dt>
                <dd>
                  <a href={`tel:${profile.phone_number}`}>{profile.phone_number}</a>
                </dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </section>
      <section className="card" aria-labelledby="evaluation-heading">
        <h2 id="evaluation-heading">
          {evaluation ? `Your evaluation of ${shownName}` : `Evaluate ${shownName}`}
        </h2>
        {evaluation ? (
          <EvaluationCard evaluation={evaluation} cleaner={shownName} />
        ) : (
          <>
            <p className="muted">Once the job is done, say how it went. This completes the job.</p>
            <EvaluateForm cleaningId={job.id} cleaner={name} limits={EVALUATION_LIMITS} />
          </>
        )}
      </section>
    </>
  );
}
