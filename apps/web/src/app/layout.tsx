import { currentRequest, devMailboxServes } from "@phresh/api/http";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header.tsx";
import { getPhreshServer } from "@/server/services.ts";
import { getSessionUser, serverCaller } from "@/server/session.ts";
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

/** The logged-in person as the header shows them: name, and their profile's picture and name. */
async function headerPerson(user: NonNullable<Awaited<ReturnType<typeof getSessionUser>>>) {
  const { services } = await getPhreshServer();
  // Until verified (where that is required), the API shows an account nothing but itself.
  if (services.config.requireVerification && !user.isVerified)
    return { name: user.name, fullName: null, image: null };
  const profile = await (await serverCaller()).profiles.me();
  return { name: user.name, fullName: profile.full_name, image: profile.image };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, { services }] = await Promise.all([getSessionUser(), getPhreshServer()]);
  const person = user ? await headerPerson(user) : undefined;
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <TrpcProvider>
          <SiteHeader
            person={person}
            showMailbox={devMailboxServes(services.config, currentRequest())}
          />
          <main id="main">{children}</main>
        </TrpcProvider>
      </body>
    </html>
  );
}
