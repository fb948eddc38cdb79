// The mails Phresh sends, as plain text and HTML. Links point at the web app (APP_URL).
export type Mail = { to: string; subject: string; text: string; html: string };

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export function compose(
  to: string,
  subject: string,
  greeting: string,
  lines: string[],
  link: { url: string; label: string },
): Mail {
  const text = [`Hello ${greeting},`, "", ...lines, "", link.url, "", "— Phresh"].join("\n");
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<p>Hello ${escapeHtml(greeting)},</p>
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}
<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>
<p>— Phresh</p>
</body></html>`;
  return { to, subject, text, html };
}

export function verificationMail(
  appUrl: string,
  user: { email: string; name: string },
  token: string,
): Mail {
  return compose(
    user.email,
    "Verify your Phresh e-mail address",
    user.name,
    [
      "Please confirm that this is your address by opening the link below.",
      "The link works once, for one hour.",
    ],
    { url: `${appUrl}/verify?token=${encodeURIComponent(token)}`, label: "Verify my address" },
  );
}

export function passwordResetMail(
  appUrl: string,
  user: { email: string; name: string },
  token: string,
): Mail {
  return compose(
    user.email,
    "Reset your Phresh password",
    user.name,
    [
      "Someone, hopefully you, asked to reset the password of your Phresh account.",
      "Open the link below to choose a new one. It works once, for one hour. If it was not you, ignore this mail.",
    ],
    {
      url: `${appUrl}/reset-password?token=${encodeURIComponent(token)}`,
      label: "Choose a new password",
    },
  );
}
