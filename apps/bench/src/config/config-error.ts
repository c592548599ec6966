/** A bad preset, override or flag. The message names the key, what it expected and the valid choices. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
