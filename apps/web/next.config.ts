import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The workspace packages are TypeScript source, compiled by Next like the app itself.
  transpilePackages: ["@phresh/api", "@phresh/config", "@phresh/db"],
  // Loaded from node_modules at run time rather than bundled: database drivers, and the
  // Swagger UI assets that the REST adapter reads from its package folder.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "swagger-ui-dist",
  ],
  poweredByHeader: false,
};

export default nextConfig;
