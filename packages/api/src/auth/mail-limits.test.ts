// Mail bombing: however many clients ask, one address receives at most MAILS_PER_RECIPIENT mails
// of each kind an hour, and the answers never tell that the cap was reached.
import { testDatabaseKind } from "@phresh/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAccount,
  openTestServices,
  startTestServer,
  type TestServer,
  type TestServices,
} from "../testing.ts";

let services: TestServices;
let server: TestServer;

beforeAll(async () => {
  // 127.0.0.1 plays a reverse proxy here, so X-Forwarded-For can stand for distinct clients.
  services = await openTestServices({ rateLimitsEnabled: true, trustedProxies: ["127.0.0.1"] });
  server = await startTestServer(services);
});
afterAll(async () => {
  await server.close();
  await services.close();
});

let nextClient = 0;
function newClient(): string {
  nextClient += 1;
  return `192.0.2.${nextClient}`;
}

/** Half of the requests through REST, half through tRPC, each from its own address. */
async function askTwentyTimes(restPath: string, procedure: string, email: string) {
  const answers: { status: number; body: string }[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const viaRest = attempt % 2 === 0;
    const response = await fetch(
      viaRest ? `${server.url}/api${restPath}` : `${server.url}/api/trpc/${procedure}`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": newClient() },
        body: JSON.stringify({ email }),
      },
    );
    answers.push({ status: response.status, body: await response.text() });
  }
  await Promise.all([...services.backgroundTasks]);
  return answers;
}

const mailsTo = (email: string, link: string) =>
  services.database.prisma.outboxMail.count({ where: { to: email, text: { contains: link } } });

describe(`mails per recipient on ${testDatabaseKind}`, () => {
  it("sends 3 reset mails for 20 forgot-password requests from 20 addresses, answering all alike", async () => {
    const victim = await createAccount(services);
    const answers = await askTwentyTimes(
      "/users/forgot-password",
      "auth.forgotPassword",
      victim.email,
    );
    // Every REST answer is 202 and every tRPC one 200, with the same body before and after the cap.
    expect(answers.map((answer) => answer.status)).toEqual(
      Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? 202 : 200)),
    );
    expect(new Set(answers.filter((_, index) => index % 2 === 0).map((a) => a.body)).size).toBe(1);
    expect(new Set(answers.filter((_, index) => index % 2 === 1).map((a) => a.body)).size).toBe(1);
    expect(await mailsTo(victim.email, "/reset-password?token=")).toBe(3);
    // Nor were reset links made for the mails not sent.
    const links = await services.database.prisma.accountToken.count({
      where: { userId: victim.user.id, purpose: "reset_password" },
    });
    expect(links).toBe(3);
  });

  it("sends 3 verification mails for 20 requests, beside the one sent at sign-up", async () => {
    const victim = await createAccount(services, { verified: false });
    const answers = await askTwentyTimes(
      "/users/request-verify-token",
      "auth.requestVerifyToken",
      victim.email,
    );
    expect(answers.map((answer) => answer.status)).toEqual(
      Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? 202 : 200)),
    );
    expect(await mailsTo(victim.email, "/verify?token=")).toBe(1 + 3);
  });

  it("counts each kind of mail on its own", async () => {
    const victim = await createAccount(services, { verified: false });
    await askTwentyTimes("/users/request-verify-token", "auth.requestVerifyToken", victim.email);
    await askTwentyTimes("/users/forgot-password", "auth.forgotPassword", victim.email);
    expect(await mailsTo(victim.email, "/reset-password?token=")).toBe(3);
  });
});
