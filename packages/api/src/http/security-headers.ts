// Security headers for every response (OWASP ASVS 3.4 / 16.x). Pages get a script nonce: only
// scripts that carry it run (Next.js stamps its own scripts with the nonce it reads from the
// request's policy), and what they load is trusted through 'strict-dynamic'. 'unsafe-eval' is
// never allowed (only `next dev` needs it, and it is not served through this server).

/** The policy; without a nonce (API answers, which are JSON), scripts come from this origin only. */
function contentSecurityPolicy(scriptNonce?: string): string {
  return [
    "default-src 'self'",
    scriptNonce ? `script-src 'self' 'nonce-${scriptNonce}' 'strict-dynamic'` : "script-src 'self'",
    // React and Next.js set inline styles.
    "style-src 'self' 'unsafe-inline'",
    // Profile pictures are any http(s) address their owner gave (profiles/schemas.ts). An image
    // runs no script, and the avatar sends no referrer; the picture's host does learn the
    // viewer's address, as with any hot-linked avatar (README, "Profiles").
    "img-src 'self' data: https: http:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(options: {
  https: boolean;
  scriptNonce?: string;
}): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options.scriptNonce),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    // Reset and verification links carry tokens in their query: never send them to other sites.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(options.https
      ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" }
      : {}),
  };
}
