// Everything the job page shows, read on the server through the tRPC caller: the cleaning with
// the offers its viewer may see and, for its owner, each offerer's rating summary, the hired
// cleaner's profile (with contact details as the API allows) and their evaluation once given.
import type { RouterOutputs } from "@phresh/api";
import { TRPCError } from "@trpc/server";
import { cache } from "react";
import { serverCaller } from "@/server/session.ts";
import { loadCleaning } from "../load-cleaning.ts";

export type Job = RouterOutputs["cleanings"]["byId"];
export type JobOffer = Job["offers"][number];
export type RatingSummary = RouterOutputs["evaluations"]["summaries"][number];
export type Evaluation = RouterOutputs["evaluations"]["byCleaning"];
export type Profile = RouterOutputs["profiles"]["byName"];

/** Once per request, shared by the page and its title. */
export const loadJob = cache(loadCleaning);

/** The offer of the person hired for the job (accepted, or completed by an evaluation). */
export function hiredOffer(job: Job): JobOffer | undefined {
  return job.offers.find((offer) => offer.status === "accepted" || offer.status === "completed");
}

/** What the owner sees beyond the job itself; the reads run side by side. */
export async function loadOwnerView(job: Job) {
  const caller = await serverCaller();
  const hired = hiredOffer(job);
  const userIds = job.offers.map((offer) => offer.user_id);
  const [summaries, hiredProfile, evaluation] = await Promise.all([
    userIds.length > 0 ? caller.evaluations.summaries({ user_ids: userIds }) : [],
    hired ? caller.profiles.byName({ name: hired.user.name }).catch(unlessGone) : undefined,
    hired?.status === "completed"
      ? caller.evaluations.byCleaning({ name: hired.user.name, cleaning_id: job.id })
      : undefined,
  ]);
  const ratings = new Map(summaries.map((summary) => [summary.user_id, summary]));
  return { hired, hiredProfile, evaluation, ratings };
}

/** A deactivated account has no profile to show; its offer still does. */
function unlessGone(error: unknown): undefined {
  if (error instanceof TRPCError && error.code === "NOT_FOUND") return undefined;
  throw error;
}
