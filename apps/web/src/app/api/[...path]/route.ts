// Mounts the legacy REST contract of @phresh/api under /api.
import { getPhreshServer } from "@/server/services.ts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

async function handle(request: Request): Promise<Response> {
  return (await getPhreshServer()).handleRest(request);
}

export {
  handle as DELETE,
  handle as GET,
  handle as OPTIONS,
  handle as PATCH,
  handle as POST,
  handle as PUT,
};
