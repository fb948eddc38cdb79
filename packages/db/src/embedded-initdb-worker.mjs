// Runs in a worker thread (see embedded-initdb.ts): creates a PGlite data directory and closes
// it. Plain JavaScript, because a worker does not inherit the TypeScript loader of every caller
// (vitest's, for one).
import { workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const database = await PGlite.create(workerData.dataDirectory);
await database.close();
