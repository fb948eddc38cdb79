// The CLI's one reader of process.env. Every other module receives these values, so what the
// command depends on is visible here and in its tests.
import os from "node:os";
import path from "node:path";

export type Environment = {
  /** PHRESH_URL: the server to talk to when --url is not given. */
  serverUrl: string | undefined;
  /** PHRESH_PASSWORD: lets scripts skip the hidden prompt (a password is never read from argv). */
  password: string | undefined;
  /** Where credentials.json lives: $XDG_CONFIG_HOME/phresh, else ~/.config/phresh. */
  configDirectory: string;
};

export function readEnvironment(variables: NodeJS.ProcessEnv = process.env): Environment {
  const home = variables.HOME || os.homedir();
  const xdgConfigHome = variables.XDG_CONFIG_HOME;
  // The XDG Base Directory spec says a relative path is invalid and must be ignored.
  const configHome =
    xdgConfigHome && path.isAbsolute(xdgConfigHome) ? xdgConfigHome : path.join(home, ".config");
  return {
    // Empty counts as unset: `PHRESH_URL= phresh …` should fall back, not fail.
    serverUrl: variables.PHRESH_URL || undefined,
    password: variables.PHRESH_PASSWORD || undefined,
    configDirectory: path.join(configHome, "phresh"),
  };
}
