import type { LabeledImageSet, Normalization } from '@zerosiam/core';
import { InvalidArgumentError, ShapeMismatchError, describeValue } from '@zerosiam/core';

/**
 * The test domains a scenario draws from, e.g. one corrupted copy of a test set per
 * corruption@severity. Labels and sizes are known up front (orderings need them); images are
 * loaded on demand, so corrupted copies can be generated lazily.
 */
export interface DomainSource {
  /** Domain names, e.g. `gaussian_noise@5`; a gradual scenario reads `<corruption>@<severity>`. */
  readonly names: readonly string[];
  readonly numClasses: number;
  readonly classNames?: readonly string[];
  /** [H, W, C] */
  readonly imageShape: readonly [number, number, number];
  readonly normalization: Normalization;
  /** Samples in domain `domain`. */
  size(domain: number): number;
  /** Labels of domain `domain`, available without loading its images. */
  labels(domain: number): Int32Array;
  /** The domain's images (cached by the source). */
  load(domain: number): Promise<LabeledImageSet>;
  /** Hint that the domain is not needed again soon; the source may drop it from its cache. */
  release(domain: number): void;
}

function checkSetMatches(
  functionName: string,
  argument: string,
  set: LabeledImageSet,
  reference: LabeledImageSet,
): void {
  const same =
    set.shape[1] === reference.shape[1] &&
    set.shape[2] === reference.shape[2] &&
    set.shape[3] === reference.shape[3];
  if (!same) {
    throw new ShapeMismatchError({
      functionName,
      argument,
      expectedShape: [null, ...reference.shape.slice(1)],
      receivedShape: [...set.shape],
      fix: 'every domain must hold images of the same size and channels.',
    });
  }
  if (set.numClasses !== reference.numClasses) {
    throw new InvalidArgumentError({
      functionName,
      argument,
      expected: `a set with ${reference.numClasses} classes like the other domains`,
      received: `${set.numClasses} classes`,
    });
  }
}

function checkNames(functionName: string, names: readonly string[], count: number): void {
  if (!Array.isArray(names) || names.length !== count || new Set(names).size !== names.length) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'names',
      expected: `${count} distinct domain names`,
      received: describeValue(names),
    });
  }
}

/** A source over sets already in memory (one per domain). */
export function domainsFromSets(sets: readonly LabeledImageSet[], names?: readonly string[]): DomainSource {
  const functionName = 'domainsFromSets';
  if (!Array.isArray(sets) || sets.length === 0) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'sets',
      expected: 'a non-empty array of LabeledImageSet (one per domain)',
      received: describeValue(sets),
      fix: 'pass at least one domain, e.g. [corruptImages(testSet, "fog", 5)].',
    });
  }
  const reference = sets[0]!;
  for (const [index, set] of sets.entries()) checkSetMatches(functionName, `sets[${index}]`, set, reference);
  const domainNames = names ?? sets.map((set) => set.name);
  checkNames(functionName, domainNames, sets.length);
  return {
    names: domainNames,
    numClasses: reference.numClasses,
    classNames: reference.classNames,
    imageShape: [reference.shape[1], reference.shape[2], reference.shape[3]],
    normalization: reference.normalization,
    size: (domain) => sets[domain]!.shape[0],
    labels: (domain) => sets[domain]!.labels,
    load: async (domain) => sets[domain]!,
    release: () => {},
  };
}

export interface LazyDomainsOptions {
  /** The clean set the domains are derived from: its labels, shape and statistics describe every domain. */
  readonly base: LabeledImageSet;
  readonly names: readonly string[];
  /** Produces domain `domain` (e.g. `corruptImages(base, corruption, severity, { seed })`); called at most once while cached. */
  readonly provider: (domain: number, name: string) => LabeledImageSet | Promise<LabeledImageSet>;
  /** Released domains kept anyway (most recent first). Default 1, so a domain read twice in a row is built once. */
  readonly keepReleased?: number;
}

/**
 * A source whose domains are produced on demand from a base set (same labels and size), e.g. one
 * corrupted copy per corruption. Built domains stay cached until the stream releases them.
 */
export function lazyDomains(options: LazyDomainsOptions): DomainSource {
  const functionName = 'lazyDomains';
  const { base, names } = options;
  if (!base || !(base.images instanceof Float32Array) || !(base.labels instanceof Int32Array)) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'base',
      expected: 'a LabeledImageSet',
      received: describeValue(base),
    });
  }
  if (!Array.isArray(names) || names.length === 0) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'names',
      expected: 'a non-empty array of domain names',
      received: describeValue(names),
    });
  }
  checkNames(functionName, names, names.length);
  if (typeof options.provider !== 'function') {
    throw new InvalidArgumentError({
      functionName,
      argument: 'provider',
      expected: 'a function (domainIndex, name) => LabeledImageSet | Promise<LabeledImageSet>',
      received: describeValue(options.provider),
    });
  }
  const keepReleased = options.keepReleased ?? 1;
  const cache = new Map<number, Promise<LabeledImageSet>>();
  let released: number[] = [];
  return {
    names,
    numClasses: base.numClasses,
    classNames: base.classNames,
    imageShape: [base.shape[1], base.shape[2], base.shape[3]],
    normalization: base.normalization,
    size: () => base.shape[0],
    labels: () => base.labels,
    load(domain) {
      released = released.filter((entry) => entry !== domain);
      let pending = cache.get(domain);
      if (!pending) {
        pending = Promise.resolve(options.provider(domain, names[domain]!)).then((set) => {
          checkSetMatches(functionName, `provider(${domain})`, set, base);
          if (set.shape[0] !== base.shape[0]) {
            throw new InvalidArgumentError({
              functionName,
              argument: `provider(${domain})`,
              expected: `${base.shape[0]} images, the size of the base set`,
              received: `${set.shape[0]} images`,
              fix: 'the provider must return a transformed copy of the whole base set, in the same order.',
            });
          }
          return set;
        });
        cache.set(domain, pending);
        pending.catch(() => cache.delete(domain));
      }
      return pending;
    },
    release(domain) {
      if (!cache.has(domain)) return;
      released = [domain, ...released.filter((entry) => entry !== domain)];
      for (const stale of released.slice(keepReleased)) cache.delete(stale);
      released = released.slice(0, keepReleased);
    },
  };
}
