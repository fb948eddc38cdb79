// What the node:http floors share: their options and pool, the app's HMAC key, a JSON answer, and
// serving on loopback until the bench stops them.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import type { FloorOptions } from "../server.ts";

/** The options the bench passed as JSON (src/server.ts's, and the port it picked). */
export type FloorProcessOptions = FloorOptions & { port: number };

/** The options the bench passed, and a pool of 10 connections, as the app's. */
export function floorSetUp<Options extends FloorProcessOptions>(): {
  options: Options;
  pool: pg.Pool;
} {
  const options = JSON.parse(process.argv[2] ?? "{}") as Options;
  return { options, pool: new pg.Pool({ connectionString: options.databaseUrl, max: 10 }) };
}

/** Imported once, as the app does: given raw bytes, jose would import the key for every token. */
export function hmacKey(secretKey: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secretKey),
    { name: "HMAC", hash: "SHA-256" },
    false,
    [usage],
  );
}

export function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * Serves `answer` on 127.0.0.1 (a failure answers 500 and is printed) and prints "`label`
 * listening", which the bench waits for; on SIGTERM or SIGINT closes the server and `pool`, and
 * exits.
 */
export function serveFloor(
  label: string,
  port: number,
  pool: pg.Pool,
  answer: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
): void {
  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      console.error(`${label}: request failed:`, error);
      send(response, 500, { detail: "INTERNAL_SERVER_ERROR" });
    });
  });
  server.listen(port, "127.0.0.1", () => {
    console.log(`${label} listening on 127.0.0.1:${port}`);
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      server.close();
      server.closeAllConnections();
      void pool.end().finally(() => process.exit(0));
    });
  }
}
