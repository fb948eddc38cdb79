// Everything the benchmark must undo (child processes, temporary directories, throwaway
// databases), undone in reverse order at the end of the run, on failure and on Ctrl-C alike.

type Cleanup = { label: string; run: () => Promise<void> | void; started?: Promise<void> };

const registered: Cleanup[] = [];

/** Starts an undo action once; later callers get the same promise, so they wait for it too. */
function start(entry: Cleanup): Promise<void> {
  entry.started ??= (async () => {
    try {
      await entry.run();
    } catch (error) {
      console.error(`bench: cleaning up ${entry.label} failed:`, error);
    }
  })();
  return entry.started;
}

/** Registers an undo action; the returned function runs it early (at most once) and forgets it. */
export function onCleanup(label: string, run: () => Promise<void> | void): () => Promise<void> {
  const entry: Cleanup = { label, run };
  registered.push(entry);
  return async () => {
    await start(entry);
    const index = registered.indexOf(entry);
    if (index !== -1) registered.splice(index, 1);
  };
}

/**
 * Runs every registered undo action, newest first, and waits for those already under way (the
 * main flow may be stopping a server when Ctrl-C arrives): nobody exits before the last
 * database is dropped. One failing does not stop the others.
 */
export async function runCleanups(): Promise<void> {
  while (registered.length > 0) {
    const entry = registered.at(-1);
    if (!entry) break;
    await start(entry);
    const index = registered.indexOf(entry);
    if (index !== -1) registered.splice(index, 1);
  }
}
