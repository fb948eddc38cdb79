// Request bodies are read only up to a limit, so that no client can make the server buffer an
// unbounded amount of data. Routes that take credentials accept far less (OWASP ASVS 5.0, 4.x).

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** For account routes (log-in, registration, resets): no legitimate form comes near it. */
export const ACCOUNT_BODY_LIMIT_BYTES = 16 * 1024;

export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

/** The body's bytes; refuses by the declared length first, then while reading a chunked body. */
export async function readBodyBytes(request: Request, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw new BodyTooLargeError(`more than ${limitBytes} bytes`);
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
      throw new BodyTooLargeError(`more than ${limitBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
