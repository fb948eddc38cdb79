"use client";
// The logged-in person's menu: a disclosure button (their avatar) over a list of links and Log
// out. Escape, a click elsewhere or focus leaving the menu closes it; Escape gives focus back to
// the button. Links and a button only, so Tab and Enter do the rest with no custom key handling.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { readServerError } from "@/lib/server-errors.ts";
import { trpc } from "@/trpc/react.tsx";
import { Avatar } from "./avatar.tsx";
import styles from "./site-header.module.css";

export type HeaderPerson = { name: string; fullName: string | null; image: string | null };

export function SiteHeaderMenu({ person }: { person: HeaderPerson }) {
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const menuId = useId();
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const logOut = trpc.session.logOut.useMutation({
    onSuccess: () => {
      setLeaving(true);
      // A full navigation: every server-rendered part must forget the session.
      window.location.assign("/login?logged_out=1");
    },
  });

  // A followed link closes the menu: the layout, and so this component, stays mounted.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation, by design
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    // A click, or focus (Tab), landing anywhere else.
    const closeWhenElsewhere = (event: Event) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", closeWhenElsewhere);
    document.addEventListener("focusin", closeWhenElsewhere);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("pointerdown", closeWhenElsewhere);
      document.removeEventListener("focusin", closeWhenElsewhere);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [open]);

  const displayName = person.fullName?.trim() || person.name;
  const pending = logOut.isPending || leaving;
  return (
    <div ref={container} className={styles.menu}>
      <button
        ref={button}
        type="button"
        className={styles.menuButton}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
      >
        <Avatar name={person.name} fullName={person.fullName} image={person.image} />
        <span className={styles.menuLabel}>
          <span className="visually-hidden">Menu of </span>
          {displayName}
        </span>
      </button>
      <div id={menuId} className={styles.panel} hidden={!open}>
        <ul>
          <li>
            <Link href={`/profiles/${encodeURIComponent(person.name)}`}>Profile</Link>
          </li>
          <li>
            <Link href="/cleanings">My cleanings</Link>
          </li>
          <li>
            <Link href="/offers">My offers</Link>
          </li>
          <li>
            <Link href="/jobs">Find jobs</Link>
          </li>
          <li>
            <Link href="/account">Account</Link>
          </li>
          <li className={styles.separated}>
            <button
              type="button"
              className={styles.logOut}
              disabled={pending}
              aria-busy={pending}
              onClick={() => logOut.mutate({ everywhere: false })}
            >
              {pending ? "Logging out…" : "Log out"}
            </button>
          </li>
        </ul>
        {logOut.isError ? (
          <p role="alert" className={styles.error}>
            {readServerError(logOut.error).message}
          </p>
        ) : null}
      </div>
    </div>
  );
}
