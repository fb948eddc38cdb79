// Measures the JavaScript a modern browser loads for a page on first visit (every <script src>
// of its HTML but the `nomodule` polyfills that only old browsers fetch), gzipped. Usage, against a running server:
//   pnpm --filter @phresh/web measure:first-load [http://127.0.0.1:3000] [/login /signup …]
import { gzipSync } from "node:zlib";

const [base = "http://127.0.0.1:3000", ...paths] = process.argv.slice(2);
const pages = paths.length > 0 ? paths : ["/login", "/signup"];

for (const page of pages) {
  const html = await (await fetch(new URL(page, base))).text();
  const scripts = [...html.matchAll(/<script[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => !/\bnomodule\b/i.test(tag))
    .flatMap((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1] ?? []);
  let raw = 0;
  let gzipped = 0;
  for (const src of new Set(scripts)) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += body.byteLength;
    gzipped += gzipSync(body, { level: 9 }).byteLength;
  }
  console.log(
    `${page}: ${scripts.length} scripts, ${(raw / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzip`,
  );
}
