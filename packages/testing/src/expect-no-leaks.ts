import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Runs `fn` and asserts the live tensor count afterwards equals the count before plus `retained`. */
export async function expectNoLeaks<T>(fn: () => T | Promise<T>, retained = 0): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  expect(after - before, `tensor count changed by ${after - before} (allowed ${retained})`).toBe(retained);
  return result;
}
