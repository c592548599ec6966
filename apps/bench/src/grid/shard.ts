import { ConfigError } from '../config/config-error';

/** `i/n` with 1 ≤ i ≤ n. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new ConfigError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. --shard=2/8), but received '${text}'.`);
  }
  return { index, count };
}

/**
 * The deterministic slice of shard i/n: cells whose position in the expansion order is
 * ≡ i − 1 (mod n). Round-robin keeps each shard's mix of methods and corruptions similar.
 */
export function selectShard<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...items];
  return items.filter((_, position) => position % shard.count === shard.index - 1);
}
