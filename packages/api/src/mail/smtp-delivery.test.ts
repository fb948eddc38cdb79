// With SMTP_URL set, mails leave through a real SMTP conversation (a local smtp-server).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerUser } from "../auth/user-manager.ts";
import {
  anonymousCaller,
  newAccountDetails,
  openTestServices,
  type TestServices,
} from "../testing.ts";

type Received = { to: string[]; raw: string };
const received: Received[] = [];
let smtp: SMTPServer;
let services: TestServices;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  services = await openTestServices({
    mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: "Phresh <no-reply@phresh.test>" },
    devMailbox: "off",
  });
});

afterAll(async () => {
  await services.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  // Generous, for a busy machine: the loop ends as soon as the check passes.
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("timed out");
}

describe("SMTP delivery", () => {
  it("sends the verification mail through SMTP and marks it delivered in the outbox", async () => {
    const details = newAccountDetails();
    await registerUser(services, details);
    const mail = await waitFor(() => received.find((entry) => entry.to.includes(details.email)));
    expect(mail.raw).toContain("Subject: Verify your Phresh e-mail address");
    expect(mail.raw).toMatch(
      /http:\/\/phresh\.test\/verify\?token=3D|http:\/\/phresh\.test\/verify\?token=/,
    );
    const row = await waitFor(
      async () =>
        (await services.database.prisma.outboxMail.findFirst({
          where: { to: details.email, deliveredAt: { not: null } },
        })) ?? undefined,
    );
    expect(row.attempts).toBe(1);
  });

  it("closes the development mailbox while SMTP is configured", async () => {
    const error = await anonymousCaller(services)
      .devMailbox.list()
      .catch((caught: Error) => caught);
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "DEV_MAILBOX_DISABLED" });
  });
});
