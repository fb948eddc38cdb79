// Questions at the terminal: visible ones (e-mail, name) and hidden ones (passwords). Prompts go
// to stderr so that stdout carries only results (--json stays parseable). Answers can also be
// piped in, one per line, except passwords: those need a terminal or PHRESH_PASSWORD.
import { createInterface, type Interface } from "node:readline";
import { Writable } from "node:stream";
import { CliError, ExitCode, usageError } from "./errors.ts";

type Input = NodeJS.ReadableStream & { isTTY?: boolean };

export class Prompter {
  #reader: Interface | undefined;
  // Piped input can deliver several lines at once; they wait here for their questions.
  #lines: string[] = [];
  #waiting: ((line: string | undefined) => void) | undefined;
  #interrupted: (() => void) | undefined;
  #ended = false;
  #muted = false;

  constructor(
    private readonly input: Input,
    private readonly output: NodeJS.WritableStream,
  ) {}

  async ask(question: string): Promise<string> {
    const reader = this.#open();
    reader.setPrompt(question);
    reader.prompt();
    return (await this.#nextLine(question)).trim();
  }

  /** Reads without echo; refuses when there is no terminal (a pipe would echo nothing but also protect nothing). */
  async askHidden(question: string, withoutTerminal: string): Promise<string> {
    if (this.input.isTTY !== true) throw usageError(withoutTerminal);
    const reader = this.#open();
    this.output.write(question);
    // Readline redraws its prompt while editing; with an empty prompt and muted echo nothing shows.
    reader.setPrompt("");
    this.#muted = true;
    try {
      return await this.#nextLine(question);
    } finally {
      this.#muted = false;
      this.output.write("\n");
    }
  }

  close(): void {
    this.#reader?.close();
  }

  #open(): Interface {
    if (this.#reader) return this.#reader;
    const echo = new Writable({
      write: (chunk, _encoding, done) => {
        if (!this.#muted) this.output.write(chunk);
        done();
      },
    });
    const reader = createInterface({
      input: this.input,
      output: echo,
      terminal: this.input.isTTY === true,
    });
    reader.on("line", (line) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (waiting) waiting(line);
      else this.#lines.push(line);
    });
    reader.on("close", () => {
      this.#ended = true;
      this.#waiting?.(undefined);
    });
    // In raw mode Ctrl-C arrives here instead of as a signal; without a listener readline would
    // merely pause and leave the user stuck at the prompt.
    reader.on("SIGINT", () => this.#interrupted?.());
    this.#reader = reader;
    return reader;
  }

  #nextLine(question: string): Promise<string> {
    const queued = this.#lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    const noAnswer = usageError(
      `No answer to "${question.replace(/:\s*$/, "")}": the input ended.`,
    );
    if (this.#ended) return Promise.reject(noAnswer);
    return new Promise((resolve, reject) => {
      this.#waiting = (line) => (line === undefined ? reject(noAnswer) : resolve(line));
      this.#interrupted = () => {
        this.#waiting = undefined;
        // A hidden prompt ends its own line (see askHidden).
        if (!this.#muted) this.output.write("\n");
        reject(new CliError(ExitCode.interrupted, "Interrupted."));
      };
    });
  }
}
