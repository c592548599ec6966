import { InvalidArgumentError, SeededRng, describeValue } from '@zerosiam/core';
import type { DomainSource } from './domain-source';
import { checkBatchSize } from './plan-stream';
import type { ScenarioOptions } from './scenario';
import { selectSubset } from './subset';

/** Options every scenario reads. */
export const commonOptionKeys = [
  'seed',
  'batchSize',
  'subset',
] as const satisfies readonly (keyof ScenarioOptions)[];

export interface ResolvedCommon {
  readonly seed: number;
  readonly rng: SeededRng;
  readonly batchSize: number;
  /** The sample indices kept in domain d (all, or the subset). */
  pool(domain: number): Int32Array;
}

/** Validates the source, rejects unknown option keys, and resolves seed / batch size / subset. */
export function resolveCommon(
  scenario: string,
  source: DomainSource,
  options: ScenarioOptions,
  allowedKeys: readonly (keyof ScenarioOptions)[],
): ResolvedCommon {
  const functionName = `scenario '${scenario}'`;
  if (!source || !Array.isArray(source.names) || typeof source.load !== 'function') {
    throw new InvalidArgumentError({
      functionName,
      argument: 'source',
      expected: 'a DomainSource (domainsFromSets(...) or lazyDomains(...))',
      received: describeValue(source),
    });
  }
  if (source.names.length === 0) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'source',
      expected: 'at least one domain',
      received: 'an empty domain list',
      fix: 'pass the corrupted sets (or their names and a provider) of at least one domain.',
    });
  }
  source.names.forEach((name, domain) => {
    if (source.size(domain) === 0) {
      throw new InvalidArgumentError({
        functionName,
        argument: `source domain '${name}'`,
        expected: 'at least one sample',
        received: 'an empty set',
      });
    }
  });
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'options',
      expected: 'an object',
      received: describeValue(options),
    });
  }
  for (const key of Object.keys(options)) {
    if (!(allowedKeys as readonly string[]).includes(key)) {
      throw new InvalidArgumentError({
        functionName,
        argument: `options.${key}`,
        expected: `one of the keys ${allowedKeys.join(', ')}`,
        received: `unknown key '${key}'`,
        fix: `remove '${key}'; it belongs to another scenario or is misspelt.`,
      });
    }
  }
  const seed = options.seed ?? 2021;
  if (!Number.isInteger(seed)) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'seed',
      expected: 'an integer',
      received: describeValue(seed),
    });
  }
  const batchSize = options.batchSize ?? 64;
  checkBatchSize(functionName, batchSize);
  const pools = new Map<number, Int32Array>();
  return {
    seed,
    rng: new SeededRng(seed),
    batchSize,
    pool(domain) {
      let pool = pools.get(domain);
      if (!pool) {
        pool = selectSubset(source.size(domain), options.subset, seed);
        pools.set(domain, pool);
      }
      return pool;
    },
  };
}

/** `shuffle` option: a seeded permutation of `indices` per domain name, or the indices as given. */
export function maybeShuffled(
  indices: Int32Array,
  shuffle: boolean,
  rng: SeededRng,
  label: string,
): Int32Array {
  const out = indices.slice();
  if (shuffle) rng.fork(`shuffle:${label}`).shuffle(out);
  return out;
}

/** Checks an optional numeric option: finite (or Infinity if allowed), within [min, ∞). */
export function checkNumberOption(
  scenario: string,
  argument: string,
  value: unknown,
  options: { min: number; integer?: boolean; allowInfinity?: boolean; hint?: string },
): void {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    value >= options.min &&
    (Number.isFinite(value) ? !options.integer || Number.isInteger(value) : Boolean(options.allowInfinity));
  if (!ok) {
    throw new InvalidArgumentError({
      functionName: `scenario '${scenario}'`,
      argument,
      expected: `${options.integer ? 'an integer' : 'a number'} >= ${options.min}${options.hint ? ` (${options.hint})` : ''}`,
      received: describeValue(value),
    });
  }
}
