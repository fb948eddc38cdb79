// The body limit over real HTTP, through the adapter the server uses: a body framed by its
// Content-Length and a chunked one are both held to the limit.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BodyTooLargeError, readBodyBytes } from "./body-limit.ts";

const LIMIT = 1024;
let server: http.Server;
let port: number;

beforeAll(async () => {
  // Answers with the length read, or 413.
  server = http.createServer(
    getRequestListener(async (request) => {
      try {
        const bytes = await readBodyBytes(request, LIMIT);
        return Response.json({ read: bytes.toString("utf8") });
      } catch (error) {
        if (error instanceof BodyTooLargeError) return new Response(null, { status: 413 });
        throw error;
      }
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends `chunks` as a POST, with their total as Content-Length, or chunked when `chunked`. */
function post(chunks: string[], chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/",
      headers: chunked
        ? { "Transfer-Encoding": "chunked" }
        : { "Content-Length": String(Buffer.byteLength(chunks.join(""))) },
    });
    request.on("response", (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe("reading a request body within its limit", () => {
  it("reads a body framed by its Content-Length whole, in any number of packets", async () => {
    const sent = await post(["é".repeat(100), "x".repeat(300)], false);
    expect(sent).toEqual({
      status: 200,
      body: JSON.stringify({ read: `${"é".repeat(100)}${"x".repeat(300)}` }),
    });
  });

  it("refuses a declared length over the limit", async () => {
    expect((await post(["x".repeat(LIMIT + 1)], false)).status).toBe(413);
  });

  it("reads a chunked body within the limit", async () => {
    const sent = await post(["a".repeat(500), "b".repeat(500)], true);
    expect(JSON.parse(sent.body)).toEqual({ read: `${"a".repeat(500)}${"b".repeat(500)}` });
  });

  it("refuses a chunked body once it passes the limit", async () => {
    expect((await post(["a".repeat(600), "b".repeat(600)], true)).status).toBe(413);
  });
});
