// Where log-in sends a person afterwards. `?next=` comes from a link anyone can craft, so it is
// followed only when it names a page of this site: browsers drop tabs and newlines from URLs and
// read `\` as `/`, so `/\t/evil.example` or `/\evil.example` would leave the site, and a newline
// in a Location header is a 500. Anything doubtful goes to the default page instead.
const OWN_ORIGIN = "http://phresh.invalid"; // any origin will do: only "did it stay on it?" counts

/** C0 controls, DEL and `\`: none belongs in a path this site links to. */
function hasControlOrBackslash(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

export const DEFAULT_AFTER_LOGIN = "/cleanings";

/** `next` as a path of this site (normalised, percent-encoded), or the default page. */
export function safeNextPath(next: unknown, fallback = DEFAULT_AFTER_LOGIN): string {
  if (typeof next !== "string" || !next.startsWith("/") || hasControlOrBackslash(next))
    return fallback;
  let url: URL;
  try {
    url = new URL(next, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can leave a path that starts with `//` (`/.//evil.example`): another host.
  return url.origin === OWN_ORIGIN && !path.startsWith("//") ? path : fallback;
}
