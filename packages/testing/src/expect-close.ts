import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

export interface CloseOptions {
  /** Absolute tolerance; default 1e-5. */
  readonly atol?: number;
  /** Relative tolerance; default 1e-4. */
  readonly rtol?: number;
  /** Prefix for the failure message. */
  readonly label?: string;
}

function toArray(value: tf.Tensor | ArrayLike<number> | number): Float64Array {
  if (typeof value === 'number') return Float64Array.of(value);
  if (value instanceof tf.Tensor) return Float64Array.from(value.dataSync());
  return Float64Array.from(value);
}

/**
 * Elementwise |actual − expected| ≤ atol + rtol·|expected| (numpy's allclose), with a message
 * that names the worst element. Shapes must match when both are tensors.
 */
export function expectClose(
  actual: tf.Tensor | ArrayLike<number> | number,
  expected: tf.Tensor | ArrayLike<number> | number,
  options: CloseOptions = {},
): void {
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-4;
  if (actual instanceof tf.Tensor && expected instanceof tf.Tensor) {
    expect(actual.shape, `${options.label ?? ''} shape`).toEqual(expected.shape);
  }
  const a = toArray(actual);
  const e = toArray(expected);
  expect(a.length, `${options.label ?? ''} length`).toBe(e.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    const excess = Math.abs(a[i]! - e[i]!) - (atol + rtol * Math.abs(e[i]!));
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    expect.fail(
      `${options.label ? `${options.label}: ` : ''}element ${worst} is ${a[worst]} but expected ${e[worst]} ` +
        `(atol ${atol}, rtol ${rtol}; ${a.length} elements)`,
    );
  }
}
