// `/openapi.json` and `/docs`: the interactive page FastAPI users know, served from the
// swagger-ui-dist package (no asset is fetched from the internet).
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { DocumentRoute } from "./route-table.ts";

// The package is imported when its assets are first asked for: its entry evaluates the whole
// browser bundle of Swagger UI, which kept about 35 MiB in every server process (measured).
// (Resolving its folder through `import.meta.url` instead breaks in Next's bundled routes.)
let assetsDirectory: Promise<string> | undefined;
function swaggerAssetsDirectory(): Promise<string> {
  assetsDirectory ??= import("swagger-ui-dist").then((swagger) => swagger.getAbsoluteFSPath());
  return assetsDirectory;
}

const ASSETS = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
} as const;

function docsPage(basePath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phresh API docs</title>
<link rel="stylesheet" href="${basePath}/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${basePath}/docs/swagger-ui-bundle.js"></script>
<script src="${basePath}/docs/start.js"></script>
</body>
</html>`;
}

export function documentationRoutes(basePath: string, openApi: unknown): DocumentRoute[] {
  const openApiJson = JSON.stringify(openApi);
  const assetRoutes = Object.entries(ASSETS).map(
    ([file, contentType]): DocumentRoute => ({
      kind: "document",
      method: "GET",
      path: `/docs/${file}`,
      serve: async () =>
        new Response(await readFile(path.join(await swaggerAssetsDirectory(), file)), {
          headers: { "Content-Type": contentType, "Cache-Control": "public, max-age=86400" },
        }),
    }),
  );
  return [
    {
      kind: "document",
      method: "GET",
      path: "/openapi.json",
      serve: () => new Response(openApiJson, { headers: { "Content-Type": "application/json" } }),
    },
    {
      kind: "document",
      method: "GET",
      path: "/docs",
      serve: () =>
        new Response(docsPage(basePath), {
          headers: { "Content-Type": "text/html; charset=utf-8" },
        }),
    },
    {
      kind: "document",
      method: "GET",
      path: "/docs/start.js",
      serve: () =>
        new Response(
          `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(`${basePath}/openapi.json`)}, dom_id: "#swagger-ui" });`,
          { headers: { "Content-Type": "text/javascript; charset=utf-8" } },
        ),
    },
    ...assetRoutes,
  ];
}
