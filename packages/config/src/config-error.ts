/** A configuration problem; its message is one line that says what to set. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
