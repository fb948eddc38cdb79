// `pnpm create-superuser --email admin@example.com --name admin`
// Creates a verified superuser on the configured database. The password comes from
// PHRESH_SUPERUSER_PASSWORD or a hidden prompt, never from the command line (argv is visible
// to every user of the machine and lands in shell history).
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "@phresh/config";
import { DatabaseError } from "@phresh/db";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { emailSchema, userNameSchema } from "../auth/schemas.ts";
import { registerUser } from "../auth/user-manager.ts";
import { closeServices, openServices } from "../services.ts";

const USAGE =
  "usage: pnpm create-superuser --email <address> --name <name>   (password: PHRESH_SUPERUSER_PASSWORD or prompt)";

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new Error("No terminal to ask for the password: set PHRESH_SUPERUSER_PASSWORD instead.");
  }
  process.stdout.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
  const answer = await new Promise<string>((resolve) => reader.question("", resolve));
  reader.close();
  process.stdout.write("\n");
  return answer;
}

async function main(): Promise<number> {
  let values: { email?: string; name?: string };
  try {
    ({ values } = parseArgs({
      options: { email: { type: "string" }, name: { type: "string" } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const email = emailSchema.safeParse(values.email);
  const name = userNameSchema.safeParse(values.name);
  if (!email.success || !name.success) {
    console.error(`Give a valid --email and a --name of 4-20 letters, digits, _ or -.\n${USAGE}`);
    return 2;
  }
  // The one input read from the environment outside packages/config: it is this command's, not the app's.
  const password = process.env.PHRESH_SUPERUSER_PASSWORD || (await promptHidden("Password: "));
  const services = await openServices(loadConfig());
  try {
    const user = await registerUser(
      services,
      { email: email.data, name: name.data, password },
      { superuser: true, verified: true },
    );
    console.log(`Created superuser ${user.email} (${user.id}).`);
    return 0;
  } finally {
    await closeServices(services);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof TRPCError && error.cause instanceof ZodError) {
      console.error(`Refused: ${error.cause.issues.map((issue) => issue.message).join("; ")}`);
    } else if (error instanceof TRPCError) {
      console.error(`Refused: ${error.message}`);
    } else if (
      error instanceof DatabaseError ||
      error instanceof ConfigError ||
      error instanceof Error
    ) {
      console.error(error.message);
    }
    process.exit(1);
  },
);
