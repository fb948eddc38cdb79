// Paths and cookies come from clients, and `decodeURIComponent` throws on a stray "%": that must
// read as "no such thing" (a 404, no session), never as a server failure.

/** `text` percent-decoded; undefined when it is not valid percent-encoding. */
export function tryDecodeURIComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
