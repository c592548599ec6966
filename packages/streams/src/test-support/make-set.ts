import type { LabeledImageSet } from '@zerosiam/core';

/**
 * A tiny labelled set whose pixels identify the sample: every pixel of image i equals
 * (i + 1 + 1000 · tag) / 1e6, so a batch's images can be traced back to (domain, index).
 */
export function makeSet(
  labels: readonly number[],
  numClasses: number,
  tag = 0,
  name = `domain-${tag}`,
): LabeledImageSet {
  const count = labels.length;
  const images = new Float32Array(count * 2 * 2 * 1);
  for (let i = 0; i < count; i++) images.fill((i + 1 + 1000 * tag) / 1e6, i * 4, (i + 1) * 4);
  return {
    name,
    images,
    shape: [count, 2, 2, 1],
    labels: Int32Array.from(labels),
    numClasses,
    normalization: { mean: [0.5], std: [0.25] },
  };
}

/** Collects every batch of a stream. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of stream) out.push(batch);
  return out;
}

/** `count` labels cycling through `numClasses` classes. */
export function cyclicLabels(count: number, numClasses: number): number[] {
  return Array.from({ length: count }, (_, i) => i % numClasses);
}
