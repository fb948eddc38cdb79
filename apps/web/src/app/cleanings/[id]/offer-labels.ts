import type { JobOffer, RatingSummary } from "./load-job.ts";

/** An offer's status as its job's owner reads it. */
export const statusForOwner: Record<JobOffer["status"], string> = {
  pending: "Pending",
  accepted: "Accepted",
  rejected: "Declined: you accepted another offer",
  cancelled: "Cancelled by them after you accepted",
  completed: "Done and evaluated",
};

export function ratingText(summary: RatingSummary | undefined): string {
  if (!summary || summary.total_evaluations === 0 || summary.avg_overall_rating === null)
    return "No evaluations yet";
  const count = summary.total_evaluations;
  return `${summary.avg_overall_rating.toFixed(1)} of 5 stars, ${count} evaluation${count === 1 ? "" : "s"}`;
}
