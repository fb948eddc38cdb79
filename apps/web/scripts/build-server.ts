// Compiles the production server (server.ts and the workspace packages it runs: the API, the
// database layer, the configuration) into JavaScript in .next/phresh-server/ (beside Next's build,
// ignored and cached like it), so `pnpm start` runs without a
// TypeScript loader: tsx costs each process about 35 MiB, its esbuild helper 17 MiB more, and
// its source maps keep every module's source in memory (measured in the report behind
// bench/RESULTS.md). Packages from node_modules stay where they are: the output imports them
// by a relative path, resolved here as Node would resolve them from their importer.
import { mkdirSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const webDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outputDirectory = path.join(webDirectory, ".next", "phresh-server");

/** `./…` from the output to `file`, as an import specifier. */
function fromOutput(file: string): string {
  const relative = path.relative(outputDirectory, file).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

const nodeModulesInPlace: Plugin = {
  name: "node-modules-in-place",
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("node:") || args.pluginData === "resolving") return undefined;
      if (args.path.startsWith("@phresh/")) return undefined; // compiled into the bundle
      const resolved = await context.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "resolving",
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (!resolved.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined; // a builtin
      return { path: fromOutput(resolved.path), external: true };
    });
  },
};

/**
 * `import.meta.url` of a workspace source file keeps naming that file, so paths found from it
 * (the embedded database's initdb worker, the Prisma client's folder) stay right when compiled.
 */
const sourceLocations: Plugin = {
  name: "source-locations",
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, "utf8");
      const url = `new URL(${JSON.stringify(fromOutput(args.path))}, import.meta.url).href`;
      return { contents: source.replaceAll("import.meta.url", url), loader: "ts" };
    });
  },
};

rmSync(outputDirectory, { recursive: true, force: true });
mkdirSync(outputDirectory, { recursive: true });
await build({
  entryPoints: { server: path.join(webDirectory, "server.ts") },
  outdir: outputDirectory,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  // Chunks, so that what a process never imports (the API in the cluster's primary) is never loaded.
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  plugins: [nodeModulesInPlace, sourceLocations],
  logLevel: "warning",
});
console.log(`server compiled: ${path.relative(webDirectory, outputDirectory)}/server.mjs`);
