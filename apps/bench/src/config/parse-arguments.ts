import { ConfigError } from './config-error';
import type { ConfigOverride } from './resolve-config';

/** A parsed command line: the command, positional words, command flags and config overrides. */
export interface ParsedArguments {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  /** Flags the command itself reads (`--json`, `--shard=1/3`, ...): name → value (`true` when bare). */
  readonly flags: ReadonlyMap<string, string | true>;
  /** Everything else in `--group.key=value` form: config overrides. */
  readonly overrides: readonly ConfigOverride[];
}

/**
 * Splits argv. `commandFlags` lists the flags that are not config keys; every other `--key=value`
 * is a config override (checked later against the schema, so typos fail loudly).
 */
export function parseArguments(argv: readonly string[], commandFlags: readonly string[]): ParsedArguments {
  const [command, ...rest] = argv;
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const overrides: ConfigOverride[] = [];
  for (const word of rest) {
    if (!word.startsWith('--')) {
      positionals.push(word);
      continue;
    }
    const body = word.slice(2);
    const equals = body.indexOf('=');
    const key = equals === -1 ? body : body.slice(0, equals);
    const value = equals === -1 ? undefined : body.slice(equals + 1);
    if (commandFlags.includes(key)) {
      flags.set(key, value ?? true);
    } else if (value === undefined) {
      throw new ConfigError(
        `Unknown flag '--${key}'. Command flags: ${commandFlags.map((f) => `--${f}`).join(', ')}; config overrides take the form --group.key=value.`,
      );
    } else {
      overrides.push({ key, value });
    }
  }
  return {
    command: command?.startsWith('--') ? undefined : command,
    positionals: command?.startsWith('--') ? [] : positionals,
    flags,
    overrides,
  };
}
