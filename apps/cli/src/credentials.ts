// The access tokens of `phresh login`, one per server URL, in credentials.json under the CLI's
// config directory. The file is readable by its owner only (0600, directory 0700): a token is
// as good as the password until it expires or is logged out.
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { CliError, ExitCode } from "./errors.ts";

const storedCredentialSchema = z.object({
  access_token: z.string().min(1),
  email: z.string(),
  saved_at: z.string(),
});
export type StoredCredential = z.infer<typeof storedCredentialSchema>;

const credentialsFileSchema = z.object({
  /** Keyed by the server URL as normalised by parseServerUrl. */
  servers: z.record(z.string(), storedCredentialSchema),
});
type CredentialsFile = z.infer<typeof credentialsFileSchema>;

export class CredentialStore {
  readonly file: string;

  constructor(readonly directory: string) {
    this.file = path.join(directory, "credentials.json");
  }

  async get(serverUrl: string): Promise<StoredCredential | undefined> {
    return (await this.#read()).servers[serverUrl];
  }

  async save(serverUrl: string, credential: StoredCredential): Promise<void> {
    const contents = await this.#read();
    contents.servers[serverUrl] = credential;
    await this.#write(contents);
  }

  /** False when there was nothing stored for this server. */
  async remove(serverUrl: string): Promise<boolean> {
    const contents = await this.#read();
    if (!(serverUrl in contents.servers)) return false;
    delete contents.servers[serverUrl];
    await this.#write(contents);
    return true;
  }

  async #read(): Promise<CredentialsFile> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { servers: {} };
      throw error;
    }
    let parsed: CredentialsFile | undefined;
    try {
      parsed = credentialsFileSchema.safeParse(JSON.parse(text)).data;
    } catch {
      // Not JSON: reported below like any other damage.
    }
    if (!parsed) {
      throw new CliError(
        ExitCode.refused,
        `The credentials file ${this.file} is damaged: delete it and log in again.`,
      );
    }
    return parsed;
  }

  async #write(contents: CredentialsFile): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    // mkdir's mode does not apply to a directory that already existed.
    await chmod(this.directory, 0o700);
    // Written beside and renamed over: a crash or a concurrent reader never sees half a file,
    // and the new file is created 0600 instead of being narrowed after the token is in it.
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(contents, null, 2)}\n`, {
      mode: 0o600,
      flag: "w",
    });
    await chmod(temporary, 0o600);
    await rename(temporary, this.file);
  }
}
