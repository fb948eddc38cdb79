// A serving process's page forwarding against a stand-in pages process: a real node:http server on
// a Unix socket that drops chosen requests unanswered, as one that dies mid-request does.
// pages-process.test.ts runs the real pages process on PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { runWithRequestContext } from "@phresh/api/http";
import { afterEach, describe, expect, it } from "vitest";
import { forwardPages, type PagesKeeper } from "./pages-forwarding.ts";
import { newPagesSecret } from "./pages-link.ts";
import { capturingLogger } from "./testing.ts";

type Setup = {
  url: string;
  /** Requests the stand-in pages process received, dropped ones included, by method. */
  received: string[];
  /** Calls of the keeper's whenGone. */
  goneWaits: () => number;
  logs: () => string;
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function listen(server: http.Server, where: string | number): Promise<void> {
  return new Promise((resolve) => server.listen(where, resolve));
}

function close(server: http.Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** A serving server whose pages go to a stand-in pages process that drops the first `drops`. */
async function serveWithPagesThatDrop(drops: number): Promise<Setup> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "phresh-forwarding-"));
  closers.push(async () => rmSync(directory, { recursive: true, force: true }));
  const link = { socketPath: path.join(directory, "pages.sock"), secret: newPagesSecret() };

  const received: string[] = [];
  const pagesServer = http.createServer((request, response) => {
    received.push(request.method ?? "");
    // Dropped without an answer, as by a process that died while rendering.
    if (received.length <= drops) request.socket.destroy();
    else response.writeHead(200, { "Content-Type": "text/plain" }).end("the page");
  });
  await listen(pagesServer, link.socketPath);
  closers.push(close(pagesServer));

  let goneWaits = 0;
  const pages: PagesKeeper = {
    whenListening: async () => {},
    whenGone: async () => {
      goneWaits += 1;
    },
  };
  const { logger, logs } = capturingLogger();
  const handlePage = forwardPages({ link, pages, logger });
  const servingServer = http.createServer((request, response) => {
    const context = { requestId: "r", peerAddress: undefined, clientAddress: undefined };
    void runWithRequestContext(context, () => handlePage(request, response));
  });
  await listen(servingServer, 0);
  closers.push(close(servingServer));
  const { port } = servingServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    goneWaits: () => goneWaits,
    logs,
  };
}

describe("forwarding pages to the pages process", () => {
  it("asks again at once for a page the pages process dropped unanswered", async () => {
    const setup = await serveWithPagesThatDrop(1);
    const page = await fetch(`${setup.url}/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe("the page");
    expect(setup.received).toEqual(["GET", "GET"]);
    expect(setup.goneWaits()).toBe(0);
    expect(setup.logs()).toContain("the pages process could not be reached; again");
  });

  it("waits for a pages process that failed twice to be gone, then asks the next one", async () => {
    const setup = await serveWithPagesThatDrop(2);
    const head = await fetch(`${setup.url}/login`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(setup.received).toEqual(["HEAD", "HEAD", "HEAD"]);
    expect(setup.goneWaits()).toBe(1);
  });

  it("answers 502, to be tried again, when no attempt reached it", async () => {
    const setup = await serveWithPagesThatDrop(3);
    const page = await fetch(`${setup.url}/login`);
    expect(page.status).toBe(502);
    expect(page.headers.get("retry-after")).toBe("1");
    expect(setup.received).toHaveLength(3);
  });

  it("never sends a request with a body twice", async () => {
    const setup = await serveWithPagesThatDrop(1);
    const post = await fetch(`${setup.url}/login`, { method: "POST", body: "a=1" });
    expect(post.status).toBe(502);
    expect(setup.received).toEqual(["POST"]);
  });
});
