import { currentRequest, devMailboxServes } from "@phresh/api/http";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Fragment } from "react";
import { formatDateTime } from "@/lib/format.ts";
import { getPhreshServer } from "@/server/services.ts";
import { serverCaller } from "@/server/session.ts";

export const metadata: Metadata = { title: "Development mailbox" };

/** Mail text with its links clickable. */
function Linkified({ text }: { text: string }) {
  // Split keeps the links at odd positions; the offset makes each piece's key unique and stable.
  let offset = 0;
  const pieces = text.split(/(https?:\/\/\S+)/).map((part) => {
    const piece = { part, key: `${offset}:${part.length}` };
    offset += part.length;
    return piece;
  });
  return (
    <pre>
      {pieces.map(({ part, key }) =>
        /^https?:\/\//.test(part) ? (
          <a key={key} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={key}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}

export default async function MailboxPage() {
  const { services } = await getPhreshServer();
  if (!devMailboxServes(services.config, currentRequest())) notFound();
  const mails = await (await serverCaller()).devMailbox.list();
  return (
    <section>
      <h1>Development mailbox</h1>
      <p className="muted">
        No SMTP server is configured, so the mails Phresh sends land here, newest first. Set
        SMTP_URL to send real mail.
      </p>
      {mails.length === 0 ? <p>No mail yet.</p> : null}
      {mails.map((mail) => (
        <article className="card mail" key={`${mail.created_at}-${mail.to}-${mail.subject}`}>
          <h2>{mail.subject}</h2>
          <p className="muted">
            To {mail.to} · {formatDateTime(mail.created_at)}
          </p>
          <Linkified text={mail.text} />
        </article>
      ))}
    </section>
  );
}
