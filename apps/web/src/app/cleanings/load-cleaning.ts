import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { serverCaller } from "@/server/session.ts";

/** The cleaning of a route segment, or the not-found page (also for ids that cannot exist). */
export async function loadCleaning(id: string) {
  const caller = await serverCaller();
  try {
    return await caller.cleanings.byId({ id: /^\d+$/.test(id) ? Number(id) : Number.NaN });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}
