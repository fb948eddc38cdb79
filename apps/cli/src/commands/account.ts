// Account commands: register, verify, log in and out, who am I, forgotten password.
import { emailSchema, userNameSchema } from "@phresh/api/schemas";
import { type Command, Option } from "commander";
import { isUnauthorized } from "../client.ts";
import type { CommandContext, ContextFor } from "../command-context.ts";
import { CliError, ExitCode, usageError } from "../errors.ts";
import { checked, tokenFromArgument } from "../options.ts";
import { userDetails } from "../output.ts";

const PASSWORD_HELP = `
The password is read from PHRESH_PASSWORD or asked without echo. It is never taken from the
command line, where every user of the machine and your shell history could read it.`;

/**
 * Commands that need a password get a hidden --password option whose only job is to refuse,
 * with a reason, instead of commander's bare "unknown option" (and without echoing the value).
 */
function refusePasswordOption(command: Command): Command {
  return command
    .addOption(new Option("--password [password]").hideHelp())
    .hook("preAction", (_command, actionCommand) => {
      if (actionCommand.opts().password !== undefined) {
        throw usageError(
          "Passwords are never read from the command line: set PHRESH_PASSWORD or answer the prompt.",
        );
      }
    });
}

async function askEmail(context: CommandContext, given: string | undefined): Promise<string> {
  const email = given ?? (await context.prompter.ask("E-mail: "));
  return checked(emailSchema, email, "e-mail address");
}

/** PHRESH_PASSWORD, else a hidden prompt; a new password is asked twice to catch typos. */
async function askPassword(
  context: CommandContext,
  question: string,
  { confirm }: { confirm: boolean },
): Promise<string> {
  if (context.passwordFromEnvironment !== undefined) return context.passwordFromEnvironment;
  const withoutTerminal = "No terminal to ask for the password: set PHRESH_PASSWORD instead.";
  const password = await context.prompter.askHidden(question, withoutTerminal);
  if (confirm && (await context.prompter.askHidden("Repeat it: ", withoutTerminal)) !== password) {
    throw usageError("The two passwords differ; nothing was sent.");
  }
  return password;
}

export function addAccountCommands(program: Command, contextFor: ContextFor): void {
  refusePasswordOption(
    program
      .command("register")
      .description("create an account; a verification token is mailed to you")
      .option("--email <address>", "your e-mail address (asked when missing)")
      .option("--name <name>", "4-20 letters, digits, _ or - (asked when missing)"),
  )
    .addHelpText("after", PASSWORD_HELP)
    .action(async (options: { email?: string; name?: string }, command: Command) => {
      const context = contextFor(command);
      const email = await askEmail(context, options.email);
      const name = checked(
        userNameSchema,
        options.name ?? (await context.prompter.ask("Name: ")),
        "name",
      );
      const password = await askPassword(context, "Password: ", { confirm: true });
      const user = await context.anonymousClient().users.register.mutate({ email, name, password });
      context.output.result(
        user,
        (user) =>
          `Registered ${user.name} <${user.email}> on ${context.serverUrl}.\n` +
          "We mailed you a verification link: run `phresh verify <token>` with the token from it (or the whole link).",
      );
    });

  program
    .command("verify")
    .description("verify your e-mail address with the token (or link) from the mail")
    .argument("<token>", "the token, or the whole link from the mail")
    // Tokens are base64url and may begin with "-": they must not be taken for options.
    .allowUnknownOption()
    .action(async (token: string, _options: unknown, command: Command) => {
      const context = contextFor(command);
      const user = await context
        .anonymousClient()
        .auth.verify.mutate({ token: tokenFromArgument(token) });
      context.output.result(
        user,
        (user) => `Verified ${user.email}. Log in with \`phresh login --email ${user.email}\`.`,
      );
    });

  refusePasswordOption(
    program
      .command("login")
      .description("log in and store an access token for this server")
      .option("--email <address>", "your e-mail address (asked when missing)"),
  )
    .addHelpText("after", PASSWORD_HELP)
    .action(async (options: { email?: string }, command: Command) => {
      const context = contextFor(command);
      const email = await askEmail(context, options.email);
      const password = await askPassword(context, "Password: ", { confirm: false });
      const { access_token } = await context
        .anonymousClient()
        .auth.login.mutate({ email, password });
      await context.credentials.save(context.serverUrl, {
        access_token,
        email,
        saved_at: new Date().toISOString(),
      });
      context.output.result(
        { logged_in: true, server: context.serverUrl, email },
        () => `Logged in to ${context.serverUrl} as ${email}.`,
      );
    });

  program
    .command("logout")
    .description("end this session on the server and forget its token")
    .option("--everywhere", "end every session of your account, on every device", false)
    .action(async (options: { everywhere: boolean }, command: Command) => {
      const context = contextFor(command);
      const stored = await context.credentials.get(context.serverUrl);
      const result = {
        logged_out: true,
        server: context.serverUrl,
        everywhere: options.everywhere,
      };
      if (!stored) {
        context.output.result(result, () => `You were not logged in to ${context.serverUrl}.`);
        return;
      }
      const client = await context.loggedInClient();
      try {
        if (options.everywhere) await client.auth.logoutEverywhere.mutate();
        else await client.auth.logout.mutate();
      } catch (error) {
        // The server no longer accepts the token (expired, or ended elsewhere): forget it anyway.
        if (!isUnauthorized(error)) throw error;
        await context.credentials.remove(context.serverUrl);
        if (options.everywhere) {
          // Other sessions could not be ended with a dead token: say so rather than pretend.
          throw new CliError(
            ExitCode.refused,
            "Your stored session had already ended, so other sessions could not be ended: log in and run `phresh logout --everywhere` again.",
            "UNAUTHORIZED",
          );
        }
        context.output.result(
          result,
          () => `Your session on ${context.serverUrl} had already ended; its token is forgotten.`,
        );
        return;
      }
      await context.credentials.remove(context.serverUrl);
      context.output.result(result, () =>
        options.everywhere
          ? `Logged out of ${context.serverUrl} on every device.`
          : `Logged out of ${context.serverUrl}.`,
      );
    });

  program
    .command("whoami")
    .description("show the account you are logged in with")
    .action(async (_options: unknown, command: Command) => {
      const context = contextFor(command);
      const user = await (await context.loggedInClient()).users.me.query();
      context.output.result(user, userDetails);
    });

  program
    .command("forgot-password")
    .description("mail yourself a password-reset token")
    .option("--email <address>", "your e-mail address (asked when missing)")
    .action(async (options: { email?: string }, command: Command) => {
      const context = contextFor(command);
      const email = await askEmail(context, options.email);
      await context.anonymousClient().auth.forgotPassword.mutate({ email });
      // The server answers the same whether or not the address has an account, and so do we.
      context.output.result(
        { requested: true, email },
        () =>
          `If ${email} has an account, a password-reset link is on its way: run \`phresh reset-password <token>\` with the token from it.`,
      );
    });

  refusePasswordOption(
    program
      .command("reset-password")
      .description("choose a new password with the token (or link) from the reset mail")
      .argument("<token>", "the token, or the whole link from the mail")
      // Tokens are base64url and may begin with "-": they must not be taken for options.
      .allowUnknownOption(),
  )
    .addHelpText("after", PASSWORD_HELP)
    .action(async (token: string, _options: unknown, command: Command) => {
      const context = contextFor(command);
      const password = await askPassword(context, "New password: ", { confirm: true });
      await context
        .anonymousClient()
        .auth.resetPassword.mutate({ token: tokenFromArgument(token), password });
      context.output.result(
        { password_reset: true },
        () =>
          "Your password is changed and every session of your account has ended: log in again with `phresh login`.",
      );
    });
}
