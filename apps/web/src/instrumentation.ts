// Runs once when the server starts (never during `next build`): opens the database and applies
// pending migrations, so a broken setup stops the server at once with one readable line.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./server/startup.ts");
  await startServer();
}
