// The bar on top of every page: the brand, then, for a logged-in person, their avatar opening
// their menu; for a visitor, Log in and Sign up. The development mailbox link shows only where
// the server serves the mailbox to this request.
import Link from "next/link";
import styles from "./site-header.module.css";
import { type HeaderPerson, SiteHeaderMenu } from "./site-header-menu.tsx";

export function SiteHeader({
  person,
  showMailbox,
}: {
  person: HeaderPerson | undefined;
  showMailbox: boolean;
}) {
  return (
    <header className={styles.header}>
      <Link href="/" className={styles.brand}>
        Phresh
      </Link>
      <nav aria-label="Main" className={styles.nav}>
        {showMailbox ? <Link href="/dev/mailbox">Mailbox</Link> : null}
        {person ? (
          <SiteHeaderMenu person={person} />
        ) : (
          <>
            <Link href="/login">Log in</Link>
            <Link href="/signup">Sign up</Link>
          </>
        )}
      </nav>
    </header>
  );
}
