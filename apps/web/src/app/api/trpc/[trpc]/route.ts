import { getPhreshServer } from "@/server/services.ts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

async function handle(request: Request): Promise<Response> {
  return (await getPhreshServer()).handleTrpc(request);
}

export { handle as GET, handle as POST };
