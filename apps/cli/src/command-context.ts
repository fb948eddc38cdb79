// What every command receives: the server it talks to (from --url / PHRESH_URL), how to print,
// how to ask, the stored credentials, and clients with or without the stored token.
import type { Command } from "commander";
import { createPhreshClient, type PhreshClient } from "./client.ts";
import type { CredentialStore } from "./credentials.ts";
import { CliError, ExitCode } from "./errors.ts";
import type { Output } from "./output.ts";
import type { Prompter } from "./prompts.ts";

export type CommandContext = {
  /** Normalised by parseServerUrl; also the key of the stored token. */
  serverUrl: string;
  output: Output;
  prompter: Prompter;
  credentials: CredentialStore;
  /** PHRESH_PASSWORD, if set. */
  passwordFromEnvironment: string | undefined;
  /** A client that sends no token (register, log in, verify, reset). */
  anonymousClient(): PhreshClient;
  /** A client sending the token stored for this server; refuses when there is none. */
  loggedInClient(): Promise<PhreshClient>;
};

/** Builds the context of the command being run, from its options and the program's. */
export type ContextFor = (command: Command) => CommandContext;

export function createCommandContext(
  fixed: Pick<CommandContext, "output" | "prompter" | "credentials" | "passwordFromEnvironment">,
  serverUrl: string,
): CommandContext {
  return {
    ...fixed,
    serverUrl,
    anonymousClient: () => createPhreshClient(serverUrl),
    async loggedInClient() {
      const stored = await fixed.credentials.get(serverUrl);
      if (!stored) {
        throw new CliError(
          ExitCode.refused,
          `You are not logged in to ${serverUrl}: run \`phresh login\`.`,
          "UNAUTHORIZED",
        );
      }
      return createPhreshClient(serverUrl, stored.access_token);
    },
  };
}
