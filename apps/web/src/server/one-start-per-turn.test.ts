import { describe, expect, it } from "vitest";
import { oneStartPerTurn } from "./one-start-per-turn.ts";

/** Counts event-loop turns (one setImmediate each) until stopped. */
function turnCounter(): { turns: () => number; stop: () => void } {
  let turns = 0;
  let counting = true;
  const count = () => {
    turns += 1;
    if (counting) setImmediate(count);
  };
  setImmediate(count);
  return { turns: () => turns, stop: () => (counting = false) };
}

describe("oneStartPerTurn", () => {
  it("starts requests that arrive together in turns of their own, in arrival order", async () => {
    const nextStart = oneStartPerTurn();
    const counter = turnCounter();
    const started: { request: number; turn: number }[] = [];
    await Promise.all(
      Array.from({ length: 5 }, (_, request) =>
        nextStart().then(() => started.push({ request, turn: counter.turns() })),
      ),
    );
    counter.stop();
    expect(started.map((start) => start.request)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(started.map((start) => start.turn)).size).toBe(5);
  });

  it("starts again after the queue has run empty", async () => {
    const nextStart = oneStartPerTurn();
    await nextStart();
    // By the next turn the pump has found the queue empty and stopped.
    await new Promise((resolve) => setImmediate(resolve));
    await expect(nextStart()).resolves.toBeUndefined();
  });
});
