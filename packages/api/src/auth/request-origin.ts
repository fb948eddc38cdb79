// Cross-site request forgery defence for cookie sessions: a state-changing request that rides on
// the session cookie must come from the app's own origin. Browsers send `Origin` on every
// cross-origin request and on same-origin POSTs, and a page cannot forge it.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string | undefined): boolean {
  return method !== undefined && !SAFE_METHODS.has(method.toUpperCase());
}

/** True when `Origin` names the app (APP_URL) or the origin the request was addressed to. */
export function comesFromOwnOrigin(
  headers: Headers,
  requestUrl: string | undefined,
  appUrl: string,
): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  const own = new Set([new URL(appUrl).origin]);
  if (requestUrl) own.add(new URL(requestUrl).origin);
  return own.has(origin);
}
