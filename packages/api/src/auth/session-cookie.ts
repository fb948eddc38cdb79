// The web app's session: the access token in an HttpOnly, SameSite=Lax cookie (never in
// localStorage, where any script could read it). Secure whenever the app is served over HTTPS.
import { tryDecodeURIComponent } from "../http/percent-decoding.ts";

export const SESSION_COOKIE = "phresh_session";

export function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return tryDecodeURIComponent(part.slice(separator + 1).trim()) || undefined;
    }
  }
  return undefined;
}

export function sessionCookie(
  token: string,
  options: { maxAgeSeconds: number; secure: boolean },
): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedSessionCookie(options: { secure: boolean }): string {
  return sessionCookie("", { maxAgeSeconds: 0, secure: options.secure });
}
