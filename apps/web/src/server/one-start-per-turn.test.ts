import { countEventLoopTurns } from "@phresh/db/testing";
import { describe, expect, it } from "vitest";
import { oneStartPerTurn } from "./one-start-per-turn.ts";

describe("oneStartPerTurn", () => {
  it("starts requests that arrive together in turns of their own, in arrival order", async () => {
    const nextStart = oneStartPerTurn();
    const loop = countEventLoopTurns();
    const started: { request: number; turn: number }[] = [];
    await Promise.all(
      Array.from({ length: 5 }, (_, request) =>
        nextStart().then(() => started.push({ request, turn: loop.turns() })),
      ),
    );
    loop.stop();
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
