import {
  describeValue,
  InvalidArgumentError,
  NonFiniteError,
  SeededRng,
  ShapeMismatchError,
} from '@zerosiam/core';
import type {
  CorruptionContext,
  CorruptionDefinition,
  CorruptionName,
  Severity,
} from './corruption-definition';
import { getCorruption } from './get-corruption';
import { type CorruptionTableName, getSeverityTable } from './severity-tables';

export interface CorruptOptions {
  /** A corruption name (`gaussian_noise`, …, `saturate`) or a definition. */
  readonly corruption: CorruptionName | CorruptionDefinition;
  /** 1 (mildest) to 5 (strongest). */
  readonly severity: number;
  /** [H, W, C] for one image or [N, H, W, C] for a batch; C is 1 or 3. */
  readonly shape: readonly number[];
  /**
   * Seed for the random draws. Image i of a batch uses `new SeededRng(seed).fork('<name>:<severity>:<i>')`,
   * so an image's corruption does not depend on the rest of the batch.
   */
  readonly seed?: number;
  /** Alternatively, a generator to draw from (images consume it in order). */
  readonly rng?: SeededRng;
  /**
   * Which upstream parameter table to use: `cifar` (make_cifar_c.py, 32 px) or `imagenet`
   * (make_imagenet_c.py, 224 px). Default: `imagenet` when min(H, W) ≥ 128, else `cifar`.
   * Lengths in pixels are scaled by min(H, W) / table size (see docs/protocols/corruptions.md).
   */
  readonly table?: CorruptionTableName;
}

/**
 * The size rule's length factor: min(H, W) / table size, snapped to exactly 1 within ±25 % of
 * the table's size, so 28-px Fashion-MNIST (and 24–40 px images generally) get the CIFAR numbers
 * unchanged and 168–280 px images the ImageNet ones.
 */
export function corruptionScale(size: number, nativeSize: number): number {
  const scale = size / nativeSize;
  return Math.abs(scale - 1) <= 0.25 ? 1 : scale;
}

/** The table the size rule picks when none is given. */
export function defaultCorruptionTable(height: number, width: number): CorruptionTableName {
  return Math.min(height, width) >= 128 ? 'imagenet' : 'cifar';
}

export function validateSeverity(functionName: string, severity: unknown): Severity {
  if (typeof severity !== 'number' || !Number.isInteger(severity) || severity < 1 || severity > 5) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'severity',
      expected: 'an integer from 1 to 5',
      received: describeValue(severity),
      fix: 'pass severity 1, 2, 3, 4 or 5 (5 is the usual benchmark setting).',
    });
  }
  return severity as Severity;
}

/**
 * Applies one common corruption (hendrycks & Dietterich 2019) to one image or a batch of images.
 * Input and output are Float32Array pixels in [0, 1], row-major [H, W, C] or [N, H, W, C]; the
 * output has the same shape and is clipped to [0, 1].
 */
export function corrupt(image: Float32Array, options: CorruptOptions): Float32Array {
  const functionName = 'corrupt';
  if (!(image instanceof Float32Array)) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'image',
      expected: 'a Float32Array of pixels in [0, 1]',
      received: describeValue(image),
    });
  }
  const definition = getCorruption(options.corruption);
  const severity = validateSeverity(functionName, options.severity);
  const shape = options.shape;
  if (
    !Array.isArray(shape) ||
    (shape.length !== 3 && shape.length !== 4) ||
    !shape.every((d) => Number.isInteger(d) && d > 0)
  ) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'shape',
      expected: '[H, W, C] or [N, H, W, C] with positive integer sizes',
      received: describeValue(shape),
    });
  }
  const [count, height, width, channels] = (shape.length === 3 ? [1, ...shape] : shape) as [
    number,
    number,
    number,
    number,
  ];
  if (channels !== 1 && channels !== 3) {
    throw new ShapeMismatchError({
      functionName,
      argument: 'image',
      expectedShape: [null, null, null, 3],
      receivedShape: shape,
      fix: 'pass greyscale (C = 1) or RGB (C = 3) images; drop an alpha channel first.',
    });
  }
  if (image.length !== count * height * width * channels) {
    throw new ShapeMismatchError({
      functionName,
      argument: 'image',
      expectedShape: shape,
      receivedShape: [image.length],
      fix: 'make options.shape describe the pixel array (its product must equal image.length).',
    });
  }
  for (let i = 0; i < image.length; i++) {
    if (!Number.isFinite(image[i]!)) {
      throw new NonFiniteError({
        functionName,
        argument: 'image',
        index: i,
        value: image[i]!,
      });
    }
  }
  if (options.rng === undefined && options.seed === undefined) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'seed',
      expected: 'an integer seed or a SeededRng (options.rng)',
      received: 'neither',
      fix: 'pass { seed: 2021 } (record it with your results) or { rng: new SeededRng(2021) }.',
    });
  }
  if (options.table !== undefined && options.table !== 'cifar' && options.table !== 'imagenet') {
    throw new InvalidArgumentError({
      functionName,
      argument: 'table',
      expected: "'cifar' (make_cifar_c.py, 32 px) or 'imagenet' (make_imagenet_c.py, 224 px)",
      received: describeValue(options.table),
    });
  }
  const root = options.rng === undefined ? new SeededRng(options.seed as number) : undefined;
  const table = getSeverityTable(options.table ?? defaultCorruptionTable(height, width));
  const scale = corruptionScale(Math.min(height, width), table.nativeSize);
  const imageSize = height * width * channels;
  const out = new Float32Array(image.length);
  if (definition.applyBatch !== undefined && !definition.stochastic) {
    const context: CorruptionContext = { height, width, channels, table, scale, rng: options.rng ?? root! };
    const result = definition.applyBatch(image, count, severity, context);
    for (let i = 0; i < out.length; i++) {
      const v = result[i]!;
      out[i] = v > 1 ? 1 : v >= 0 ? v : 0;
    }
    return out;
  }
  for (let n = 0; n < count; n++) {
    const rng = options.rng ?? root!.fork(`${definition.name}:${severity}:${n}`);
    const single = image.subarray(n * imageSize, (n + 1) * imageSize);
    const result = definition.apply(single, severity, {
      height,
      width,
      channels,
      table,
      scale,
      rng,
    });
    const offset = n * imageSize;
    for (let i = 0; i < imageSize; i++) {
      const v = result[i]!;
      // NaN-safe clip: a NaN (never expected) becomes 0 rather than escaping.
      out[offset + i] = v > 1 ? 1 : v >= 0 ? v : 0;
    }
  }
  return out;
}
