// Work to do when the server stops (closing the database), registered by the app and run by the
// HTTP server after its in-flight requests are done. On globalThis: the two are bundled apart.
type Hook = () => Promise<void>;

const holder = globalThis as typeof globalThis & { phreshShutdownHooks?: Hook[] };

export function onShutdown(hook: Hook): void {
  holder.phreshShutdownHooks ??= [];
  holder.phreshShutdownHooks.push(hook);
}

export async function runShutdownHooks(): Promise<void> {
  const hooks = holder.phreshShutdownHooks ?? [];
  holder.phreshShutdownHooks = [];
  for (const hook of hooks) await hook();
}
