// Starts each request in an event-loop turn of its own. Node 20 (libuv 1.46) accepts one new
// connection per turn, and a turn lasts as long as the work of every request that arrived in it.
// So a burst of new connections waits behind the kept-alive ones: a plain node:http server that
// spends 8 ms per request, at 50 connections, accepted them 20 to 300 ms apart, served some of
// them never in 6 s, and had a p99 of 3.9 s at a p50 of 0.22 s; with one start per turn, p99
// 0.76 s at a p50 of 0.42 s, the same throughput (bench/RESULTS.md, round four, sixth session).
// The embedded database's statements take a turn each for the same reason (pglite-prepared.ts).

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
