// Request bodies are read only up to a limit, so that no client can make the server buffer an
// unbounded amount of data. Routes that take credentials accept far less (OWASP ASVS 5.0, 4.x).

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** For account routes (log-in, registration, resets): no legitimate form comes near it. */
export const ACCOUNT_BODY_LIMIT_BYTES = 16 * 1024;

export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

const tooLarge = (limitBytes: number) => new BodyTooLargeError(`more than ${limitBytes} bytes`);

/**
 * A GET or HEAD, which fetch's Request never gives a body. Asked by method, not by `request.body`:
 * on the server's requests that getter builds a whole fetch Request.
 */
export const carriesNoBody = (request: Request) =>
  request.method === "GET" || request.method === "HEAD";

/**
 * The body's bytes; refuses by the declared length first, then while reading a chunked body.
 * A body framed by its Content-Length (no Transfer-Encoding) is read whole: the HTTP parser ends
 * it after that many bytes, and the server's request reads them straight from the socket
 * (@hono/node-server's `arrayBuffer`), where `body` first builds a web stream around the socket
 * and a full fetch Request: a quarter of a millisecond of the event loop per registration
 * (bench/RESULTS.md, seventeenth session).
 */
export async function readBodyBytes(request: Request, limitBytes: number): Promise<Buffer> {
  if (carriesNoBody(request)) return Buffer.alloc(0);
  const declared = request.headers.get("content-length");
  if (Number(declared ?? "0") > limitBytes) throw tooLarge(limitBytes);
  if (declared !== null && /^\d+$/.test(declared) && !request.headers.has("transfer-encoding")) {
    const bytes = Buffer.from(await request.arrayBuffer());
    // Only a request made in this process (tests) can carry more than it declares.
    if (bytes.byteLength > limitBytes) throw tooLarge(limitBytes);
    return bytes;
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
