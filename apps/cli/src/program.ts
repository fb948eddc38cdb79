// The `phresh` program: global options, the commands, and the one place where any failure
// becomes one line on stderr and an exit code.
import { Command, CommanderError, Option } from "commander";
import { toCliError } from "./client.ts";
import { createCommandContext } from "./command-context.ts";
import { addAccountCommands } from "./commands/account.ts";
import { addCleaningCommands } from "./commands/cleanings.ts";
import { addEvaluateCommand } from "./commands/evaluate.ts";
import { addFeedCommand } from "./commands/feed.ts";
import { addJobCommands } from "./commands/jobs.ts";
import { addOfferCommands } from "./commands/offers.ts";
import { addProfileCommands } from "./commands/profile.ts";
import { CredentialStore } from "./credentials.ts";
import type { Environment } from "./environment.ts";
import { ExitCode } from "./errors.ts";
import { parseServerUrl } from "./options.ts";
import { Output } from "./output.ts";
import { Prompter } from "./prompts.ts";

export const DEFAULT_SERVER_URL = "http://localhost:3000";

export type Streams = {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
};

type GlobalOptions = { url: string; json: boolean };

/** Runs one command line (without `node` and the script) and answers the exit code. */
export async function runPhresh(
  argv: readonly string[],
  environment: Environment,
  streams: Streams,
): Promise<number> {
  const prompter = new Prompter(streams.stdin, streams.stderr);
  const credentials = new CredentialStore(environment.configDirectory);
  const program = new Command("phresh")
    .description("Phresh from the command line: your account, cleanings, jobs, offers and profile.")
    .addOption(
      new Option("--url <url>", "the Phresh server (env PHRESH_URL)").default(
        environment.serverUrl ?? DEFAULT_SERVER_URL,
      ),
    )
    .option("--json", "print results as JSON, and errors as one JSON line on stderr", false)
    // Set before the commands are added, which inherit both: commander must throw rather than
    // exit (usage errors become exit 2 below) and must write where we are told.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
    });

  const contextFor = (command: Command) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    return createCommandContext(
      {
        output: new Output(options.json, streams.stdout, streams.stderr),
        prompter,
        credentials,
        passwordFromEnvironment: environment.password,
      },
      parseServerUrl(options.url),
    );
  };
  addAccountCommands(program, contextFor);
  addCleaningCommands(program, contextFor);
  addJobCommands(program, contextFor);
  addFeedCommand(program, contextFor);
  addOfferCommands(program, contextFor);
  addEvaluateCommand(program, contextFor);
  addProfileCommands(program, contextFor);

  try {
    await program.parseAsync([...argv], { from: "user" });
    return ExitCode.ok;
  } catch (error) {
    // Commander has printed its message (or the help) already.
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const failure = toCliError(error);
    new Output(program.opts<GlobalOptions>().json, streams.stdout, streams.stderr).error(failure);
    return failure.exitCode;
  } finally {
    prompter.close();
  }
}
