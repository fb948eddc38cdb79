// Runs in a worker thread (see pglite-thread.ts): holds the embedded database and executes the
// protocol messages its parent sends, answering with PostgreSQL's reply bytes unparsed (the
// parent parses them, as a client of a server does). Plain JavaScript, because a worker does not
// inherit the TypeScript loader of every caller (vitest's, for one).
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const { dataDirectory, startParams, loadDataDir } = workerData;

let database;
try {
  database = await PGlite.create(dataDirectory, {
    startParams,
    ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {}),
  });
  parentPort.postMessage({ kind: "ready" });
} catch (error) {
  parentPort.postMessage({ kind: "failed", message: String(error?.message ?? error) });
  process.exit(1);
}

/** Runs one exchange; the reply's chunks are copied out of PGlite's memory, which is reused. */
async function execute(bytes, syncToFs) {
  const chunks = [];
  await database.execProtocolRawStream(bytes, {
    syncToFs,
    onRawData: (chunk) => chunks.push(chunk.slice()),
  });
  if (chunks.length === 1) return chunks[0];
  // Not Buffer.concat: a small Buffer lives in Node's shared pool, which cannot be transferred.
  const reply = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    reply.set(chunk, offset);
    offset += chunk.length;
  }
  return reply;
}

parentPort.on("message", async ({ id, kind, bytes, syncToFs }) => {
  try {
    if (kind === "close") {
      await database.close();
      parentPort.postMessage({ id, kind: "closed" });
      parentPort.close();
      return;
    }
    const reply = await execute(bytes, syncToFs);
    parentPort.postMessage({ id, kind: "reply", bytes: reply }, [reply.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, kind: "error", message: String(error?.message ?? error) });
  }
});
