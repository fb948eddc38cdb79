import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { CliError, ExitCode } from "./errors.ts";
import { Prompter } from "./prompts.ts";

function pipedPrompter(text: string) {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = "";
  output.on("data", (chunk) => {
    written += chunk;
  });
  // All answers arrive at once, as from `printf 'a\nb\n' | phresh …`.
  input.end(text);
  return { prompter: new Prompter(input, output), written: () => written };
}

describe("Prompter", () => {
  it("answers each question with the next piped line, even when they arrive together", async () => {
    const { prompter, written } = pipedPrompter("ann@example.com\n  ann_1 \n");
    expect(await prompter.ask("E-mail: ")).toBe("ann@example.com");
    expect(await prompter.ask("Name: ")).toBe("ann_1");
    prompter.close();
    expect(written()).toContain("E-mail: ");
    expect(written()).toContain("Name: ");
  });

  it("refuses with a usage error when the input ends before the answer", async () => {
    const { prompter } = pipedPrompter("");
    const failure = await prompter.ask("E-mail: ").catch((error: unknown) => error);
    prompter.close();
    expect(failure).toBeInstanceOf(CliError);
    expect(failure).toMatchObject({ exitCode: ExitCode.usage });
    expect((failure as CliError).message).toBe('No answer to "E-mail": the input ended.');
  });

  it("never reads a password from a pipe: it needs a terminal", async () => {
    const { prompter } = pipedPrompter("hunter2-secret\n");
    const failure = await prompter
      .askHidden("Password: ", "No terminal: set PHRESH_PASSWORD.")
      .catch((error: unknown) => error);
    prompter.close();
    expect(failure).toMatchObject({
      exitCode: ExitCode.usage,
      message: "No terminal: set PHRESH_PASSWORD.",
    });
  });

  it("reads a password at a terminal without echoing it", async () => {
    // A stand-in terminal: readline treats an input with isTTY as one and echoes what is typed.
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let written = "";
    output.on("data", (chunk) => {
      written += chunk;
    });
    const prompter = new Prompter(input, output);
    const answer = prompter.askHidden("Password: ", "no terminal");
    input.write("hunter2-secret\r");
    expect(await answer).toBe("hunter2-secret");
    prompter.close();
    expect(written).toContain("Password: ");
    expect(written).not.toContain("hunter2");
  });

  it("echoes a visible answer at a terminal", async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let written = "";
    output.on("data", (chunk) => {
      written += chunk;
    });
    const prompter = new Prompter(input, output);
    const answer = prompter.ask("E-mail: ");
    input.write("ann@example.com\r");
    expect(await answer).toBe("ann@example.com");
    prompter.close();
    expect(written).toContain("ann@example.com");
  });
});
