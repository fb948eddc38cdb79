// How a keyset-paged procedure ({items, next_cursor}) answers over REST: the route presents the
// items as a bare list, as Phresh's lists were, and the next page goes in a `Link: <…>;
// rel="next"` header (RFC 8288).

/**
 * The `Link` header to the next page: the same request with `cursor` set, as a path-absolute
 * reference (resolved against the request's own address, so it stays right behind a proxy).
 */
export function nextPageLink(
  page: { next_cursor: string | null },
  requestUrl: URL,
): Record<string, string> {
  if (page.next_cursor === null) return {};
  const query = new URLSearchParams(requestUrl.searchParams);
  query.set("cursor", page.next_cursor);
  return { Link: `<${requestUrl.pathname}?${query}>; rel="next"` };
}
