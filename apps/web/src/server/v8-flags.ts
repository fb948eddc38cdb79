// V8 settings of every server process, set here rather than on a command line so that each way
// of starting the server (`pnpm start`, the tests, the bench, a process manager) runs with them.
// Measured, not guessed (figures in the report behind bench/RESULTS.md, PostgreSQL, 2 workers):
// - `--liftoff-only`, on PostgreSQL only: WebAssembly (Prisma's query compiler) stays on V8's
//   baseline compiler instead of also being recompiled by the optimising one. Peak RSS under GET
//   load 505 -> 341-358 MiB on PostgreSQL (2 workers), and no CPU time per request or per query
//   that repeated runs could tell apart (the time goes to JavaScript and I/O, not to the query
//   compiler); log-in likewise (server CPU 37-39 ms either way). On PGlite, PostgreSQL itself is
//   WebAssembly running every statement on this thread, and its optimised code pays: server CPU
//   per GET cleaning 1.93 ms (median of 12 rounds) against 2.36 with the flag, tRPC req/s 586
//   against 429 (medians), for about 110 MiB more at peak (447-478 MiB against 331-361; the
//   PGlite target is 600).
// - `--heap-growing-percent=100`: after each full collection the old generation may grow to twice
//   what survived, where V8 lets it grow up to four times when allocation is fast (as under
//   load). Peak RSS under GET load (PostgreSQL, one process, 2 cores, alternating runs) 254-263
//   MiB against 330-367, the login page's 365 against 493-520; req/s of GET, the login page and
//   the jobs search within the host's spread (REST 856-897 against 649-930), the feed page about
//   a tenth slower (441-471 against 528-532 req/s). 50 held the peak to 236-245 but cost the
//   login page a fifth of its server CPU.
// - `--optimize-for-size` was measured too: about 20 MiB less per process idle and 25 MiB less at
//   peak, but 14-66% more CPU time per request; left out.
// The young generation's size can only be set when the process starts, so it is on the command
// line of `pnpm start` (package.json): `--max-semi-space-size=8`. Peak under GET load, back to
// back on a quiet machine: PostgreSQL 372-386 MiB against 409-451 with Node's default and 483
// with 32, at the same req/s; PGlite 388 MiB against 376-416 with 32, req/s within the spread.
import v8 from "node:v8";

/** Before any WebAssembly is compiled: Prisma and PGlite are loaded after this runs. */
export function applyV8Flags(database: "pglite" | "postgres"): void {
  if (database === "postgres") v8.setFlagsFromString("--liftoff-only");
  v8.setFlagsFromString("--heap-growing-percent=100");
}
