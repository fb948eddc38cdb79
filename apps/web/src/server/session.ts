// The person behind the request's session cookie, for server components and pages.
import { authenticate, createCaller, createContext, readCookie, SESSION_COOKIE } from "@phresh/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getPhreshServer } from "./services.ts";

export async function getSessionUser() {
  const requestHeaders = await headers();
  const { services } = await getPhreshServer();
  const token = readCookie(requestHeaders, SESSION_COOKIE);
  const authenticated = await authenticate(services, token);
  return authenticated?.user;
}

/** For private pages: the user, or a redirect to log-in that comes back to `path` afterwards. */
export async function requireUser(path: string) {
  const user = await getSessionUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  return user;
}

/**
 * For pages that need a verified account (where REQUIRE_VERIFICATION is on, the API refuses an
 * unverified one everything but its own account): such a user is sent to /account, which says
 * how to verify.
 */
export async function requireVerifiedUser(path: string) {
  const user = await requireUser(path);
  const { services } = await getPhreshServer();
  if (services.config.requireVerification && !user.isVerified) redirect("/account");
  return user;
}

/** A server-side tRPC caller acting as the request's session. */
export async function serverCaller() {
  const { services } = await getPhreshServer();
  return createCaller(createContext(services, { headers: await headers() }));
}
