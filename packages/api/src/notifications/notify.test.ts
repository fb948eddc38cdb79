import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, openTestServices, type TestServices } from "../testing.ts";
import { notify } from "./notify.ts";

let services: TestServices;
beforeAll(async () => {
  services = await openTestServices({ requireVerification: true });
});
afterAll(() => services?.close());

const notification = {
  subject: "A new offer",
  lines: ["Someone offered to clean your attic."],
  link: { path: "/cleanings/1", label: "See the offer" },
};

async function mailsTo(email: string, subject: string) {
  return services.database.prisma.outboxMail.count({ where: { to: email, subject } });
}

describe("marketplace notifications", () => {
  it("mails a verified recipient, linking to the page where they act", async () => {
    const recipient = await createAccount(services);
    await services.database.prisma.$transaction((tx) =>
      notify(services, tx, recipient.user.id, notification),
    );
    const [mail] = await services.database.prisma.outboxMail.findMany({
      where: { to: recipient.email, subject: notification.subject },
    });
    expect(mail?.text).toContain("http://phresh.test/cleanings/1");
  });

  it("sends nothing to an address its owner has not verified, when verification is required", async () => {
    const recipient = await createAccount(services, { verified: false });
    await services.database.prisma.$transaction((tx) =>
      notify(services, tx, recipient.user.id, notification),
    );
    expect(await mailsTo(recipient.email, notification.subject)).toBe(0);
  });

  it("sends nothing to someone who turned marketplace mails off", async () => {
    const recipient = await createAccount(services);
    await recipient.caller.settings.update({ marketplace_mails: false });
    await services.database.prisma.$transaction((tx) =>
      notify(services, tx, recipient.user.id, notification),
    );
    expect(await mailsTo(recipient.email, notification.subject)).toBe(0);
  });

  it("lets an unverified account turn marketplace mails off", async () => {
    const recipient = await createAccount(services, { verified: false });
    await expect(recipient.caller.settings.update({ marketplace_mails: false })).resolves.toEqual({
      marketplace_mails: false,
    });
  });
});
