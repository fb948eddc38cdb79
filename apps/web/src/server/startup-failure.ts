// How the server reports that it cannot start: known set-up problems (configuration, database)
// as one line that says what to do; anything else keeps its stack.
import { ConfigError } from "@phresh/config";
import { DatabaseError } from "@phresh/db/errors";

export function exitOnStartupFailure(error: unknown): never {
  if (error instanceof DatabaseError || error instanceof ConfigError)
    console.error(`Phresh cannot start: ${error.message}`);
  else console.error("Phresh cannot start:", error);
  process.exit(1);
}
