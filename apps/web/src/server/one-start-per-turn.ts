// Starts pages at most one per event-loop turn. Node 20 (libuv 1.46) accepts one new
// connection per turn, and a turn lasts as long as the synchronous work of every request that
// arrived in it. So a burst of new connections waited behind the kept-alive ones: a plain
// node:http server that spends 8 ms per request, at 50 connections, accepted them 20 to 300 ms
// apart, had not accepted 9 of them after 6 s, and had a p99 of 3.9 s at a p50 of 0.22 s; with
// one start per turn, p99 0.76 s at a p50 of 0.42 s, at about the same throughput
// (bench/RESULTS.md, round four, sixth session). Only a request's start is spaced out; what it
// does after its first await runs as it comes. The embedded database's statements take a turn
// each for the same reason (packages/db/src/pglite-prepared.ts).

/** A function whose promises resolve in the order asked, each in a later event-loop turn. */
export function oneStartPerTurn(): () => Promise<void> {
  const waiting: (() => void)[] = [];
  let pumping = false;
  function startNext(): void {
    const start = waiting.shift();
    if (!start) {
      pumping = false;
      return;
    }
    start();
    // Queued from inside the check phase: it runs in the next turn, after the next poll.
    setImmediate(startNext);
  }
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (pumping) return;
      pumping = true;
      setImmediate(startNext);
    });
}
