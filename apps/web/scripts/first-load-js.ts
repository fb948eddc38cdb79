// Measures the JavaScript a modern browser loads for a page on first visit (every <script src>
// of its HTML but the `nomodule` polyfills that only old browsers fetch), gzipped. Usage, against a running server:
//   pnpm --filter @phresh/web measure:first-load [http://127.0.0.1:3000] [/login /signup …]
// Pages for logged-in people redirect to log-in without a session: with PHRESH_EMAIL and
// PHRESH_PASSWORD (a verified account of that server), the script logs in first and measures
// them as their user sees them.
import { gzipSync } from "node:zlib";

const [base = "http://127.0.0.1:3000", ...paths] = process.argv.slice(2);
const pages = paths.length > 0 ? paths : ["/login", "/signup"];

async function sessionCookie(): Promise<string | undefined> {
  const email = process.env.PHRESH_EMAIL;
  const password = process.env.PHRESH_PASSWORD;
  if (!email || !password) return undefined;
  const answer = await fetch(new URL("/api/trpc/session.logIn", base), {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: new URL(base).origin },
    body: JSON.stringify({ email, password }),
  });
  const cookie = answer.headers.getSetCookie()[0]?.split(";")[0];
  if (!answer.ok || !cookie) throw new Error(`Logging in as ${email} failed: ${answer.status}`);
  return cookie;
}

const cookie = await sessionCookie();
for (const page of pages) {
  const response = await fetch(new URL(page, base), {
    headers: cookie ? { Cookie: cookie } : {},
    redirect: "manual",
  });
  if (response.status !== 200) {
    console.log(`${page}: answered ${response.status}, not measured (log in with PHRESH_EMAIL?)`);
    continue;
  }
  const html = await response.text();
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
