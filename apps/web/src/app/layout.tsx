import { currentRequest, devMailboxServes } from "@phresh/api/http";
import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getPhreshServer } from "@/server/services.ts";
import { getSessionUser } from "@/server/session.ts";
import { TrpcProvider } from "@/trpc/react.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Phresh", template: "%s · Phresh" },
  description: "Post cleaning jobs and find people to do them.",
};

// Every page depends on the session; rendering any of them at build time would also open the
// database during `next build`.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, { services }] = await Promise.all([getSessionUser(), getPhreshServer()]);
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Phresh
          </Link>
          <nav aria-label="Main">
            {user ? (
              <>
                <Link href="/cleanings">My cleanings</Link>
                <Link href="/account">Account</Link>
              </>
            ) : (
              <>
                <Link href="/login">Log in</Link>
                <Link href="/signup">Sign up</Link>
              </>
            )}
            {devMailboxServes(services.config, currentRequest()) ? (
              <Link href="/dev/mailbox">Mailbox</Link>
            ) : null}
          </nav>
        </header>
        <main id="main">
          <TrpcProvider>{children}</TrpcProvider>
        </main>
      </body>
    </html>
  );
}
