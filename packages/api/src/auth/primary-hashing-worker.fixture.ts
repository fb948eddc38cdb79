// A cluster worker for primary-hashing.test.ts: it hashes and verifies through the primary when
// the test (the primary) asks, and reports what it got back.
import { PrimaryPasswordHasher } from "./primary-hashing.ts";

export type FixtureCommand =
  | { type: "test:hash"; password: string }
  | { type: "test:verify"; hash: string; password: string };
export type FixtureReport =
  | { type: "test:answer"; value: string | boolean }
  | { type: "test:refusal"; errorCode: unknown; message: string };

const passwords = new PrimaryPasswordHasher();

process.on("message", (message: FixtureCommand) => {
  if (message.type !== "test:hash" && message.type !== "test:verify") return;
  const work =
    message.type === "test:hash"
      ? passwords.hash(message.password)
      : passwords.verify(message.hash, message.password);
  work.then(
    (value) => process.send?.({ type: "test:answer", value } satisfies FixtureReport),
    (error: Error & { errorCode?: unknown }) =>
      process.send?.({
        type: "test:refusal",
        errorCode: error.errorCode,
        message: error.message,
      } satisfies FixtureReport),
  );
});
process.send?.({ type: "test:ready" });
