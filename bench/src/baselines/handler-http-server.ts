// A diagnostic between the app and the bare baseline: the app's own REST handler
// (`createRestHandler` from @phresh/api, with its real services: Prisma, tokens, tRPC caller)
// on a bare node:http server, without Next.js. App ÷ this is the share of `server.ts` and
// Next.js (which no longer serves the API under `pnpm start`); this ÷ bare is the API's (two
// statements through Prisma instead of one through pg, tRPC, zod).
// GET only, which is all the GET-cleaning scenario sends.
// Run as its own process: `node --import tsx handler-http-server.ts '<json options>'`.
import { createServer } from "node:http";
import { closeServices, createRestHandler, openServices } from "@phresh/api";
import { loadConfig } from "@phresh/config";

type Options = { port: number; databaseUrl: string; secretKey: string; dataDirectory: string };

const options = JSON.parse(process.argv[2] ?? "{}") as Options;
// Configured like the app under test (production, same key), but from this record, not the environment.
const services = await openServices(
  loadConfig({
    DATABASE_URL: options.databaseUrl,
    SECRET_KEY: options.secretKey,
    PHRESH_ENV: "production",
    PHRESH_DATA_DIR: options.dataDirectory,
  }),
);
const handle = createRestHandler(services, { basePath: "/api" });

const server = createServer((request, response) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers))
    if (typeof value === "string") headers.set(name, value);
  const webRequest = new Request(`http://127.0.0.1:${options.port}${request.url ?? "/"}`, {
    method: request.method ?? "GET",
    headers,
  });
  void handle(webRequest)
    .then(async (webResponse) => {
      const body = Buffer.from(await webResponse.arrayBuffer());
      response.writeHead(webResponse.status, {
        ...Object.fromEntries(webResponse.headers),
        "content-length": body.length,
      });
      response.end(body);
    })
    .catch((error: unknown) => {
      console.error("handler server: request failed:", error);
      response.writeHead(500).end();
    });
});

server.listen(options.port, "127.0.0.1", () => {
  console.log(`handler server listening on 127.0.0.1:${options.port}`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void closeServices(services).finally(() => process.exit(0));
  });
}
