import { describeValue, InvalidArgumentError, type LabeledImageSet } from '@zerosiam/core';
import { corrupt } from './corrupt';
import type { CorruptionDefinition, CorruptionName } from './corruption-definition';
import { getCorruption } from './get-corruption';
import type { CorruptionTableName } from './severity-tables';

export interface CorruptImagesOptions {
  readonly corruption: CorruptionName | CorruptionDefinition;
  readonly severity: number;
  /** Required: recorded with the results so the corrupted set can be regenerated. */
  readonly seed: number;
  readonly table?: CorruptionTableName;
}

/** The name of a corrupted set, e.g. `fashion-mnist/test@gaussian_noise-5`. */
export function corruptedSetName(setName: string, corruption: string, severity: number): string {
  return `${setName}@${corruption}-${severity}`;
}

/**
 * Corrupts every image of a labelled set (labels, classes and normalisation are kept). Image i
 * is corrupted with its own generator forked from `seed`, so results do not depend on batching.
 */
export function corruptImages(set: LabeledImageSet, options: CorruptImagesOptions): LabeledImageSet {
  if (set === null || typeof set !== 'object' || !(set.images instanceof Float32Array)) {
    throw new InvalidArgumentError({
      functionName: 'corruptImages',
      argument: 'set',
      expected: 'a LabeledImageSet ({ name, images: Float32Array, shape: [N, H, W, C], labels, ... })',
      received: describeValue(set),
    });
  }
  if (!Number.isInteger(options.seed)) {
    throw new InvalidArgumentError({
      functionName: 'corruptImages',
      argument: 'seed',
      expected: 'an integer seed',
      received: describeValue(options.seed),
      fix: 'pass { seed: 2021 } and record it with the results.',
    });
  }
  const definition = getCorruption(options.corruption);
  const images = corrupt(set.images, {
    corruption: definition,
    severity: options.severity,
    shape: set.shape,
    seed: options.seed,
    ...(options.table === undefined ? {} : { table: options.table }),
  });
  return {
    ...set,
    name: corruptedSetName(set.name, definition.name, options.severity),
    images,
  };
}
