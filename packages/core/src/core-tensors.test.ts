import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuBackend } from './backend/cpu-backend';
import { registeredBackendNames, selectBackend } from './backend/select-backend';
import { batchToTensor } from './batch-to-tensor';
import { addMany } from './add-many';
import { readAndDispose } from './read-and-dispose';
import { BackendUnavailableError } from './errors/backend-unavailable-error';
import { InvalidArgumentError } from './errors/invalid-argument-error';
import { NonFiniteError } from './errors/non-finite-error';
import { UnknownNameError } from './errors/unknown-name-error';
import { restoreVariables, snapshotVariables } from './state/variable-snapshot';
import { stopGradient } from './stop-gradient';
import { assertLogits, assertTensor } from './validate/assert-tensor';

const context = { functionName: 'test', argument: 'logits' };

describe('core tensor helpers [cpu]', () => {
  const logs: string[] = [];
  beforeAll(async () => {
    await selectBackend('auto', { backends: [cpuBackend], log: (m) => logs.push(m) });
  });

  it('selectBackend logs its choice and rejects unknown or unregistered names', async () => {
    expect(logs.join('\n')).toMatch(/\[backend\] using cpu .*auto/);
    expect(registeredBackendNames()).toContain('cpu');
    await expect(selectBackend('cpux', { log: () => {} })).rejects.toThrow(UnknownNameError);
    await expect(selectBackend('wasm', { log: () => {} })).rejects.toThrow(/@zerosiam\/backend-wasm/);
    await expect(selectBackend('tfjs-node-gpu', { log: () => {} })).rejects.toThrow(BackendUnavailableError);
  });

  it('stopGradient is the identity forward and blocks the gradient', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(stopGradient(v), v)))(x);
    // d/dv [sg(v)·v] = sg(v) = v, with no contribution through the stopped branch.
    expect(Array.from(grad.dataSync())).toEqual([1, 2, 3]);
    const zero = tf.grad((v: tf.Tensor) => tf.sum(stopGradient(tf.square(v))))(x);
    expect(Array.from(zero.dataSync())).toEqual([0, 0, 0]);
    const y = stopGradient(x);
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    tf.dispose([x, grad, zero, y]);
  });

  it('assertLogits rejects wrong rank, NaN, and probabilities', () => {
    const probabilities = tf.tensor2d([[0.2, 0.3, 0.5]]);
    const nan = tf.tensor2d([[0, Number.NaN, 1]]);
    const rank1 = tf.tensor1d([1, 2, 3]);
    const good = tf.tensor2d([[2, -1, 0.5]]);
    expect(() => assertLogits(probabilities, context)).toThrow(/probabilities/);
    expect(() => assertLogits(nan, context)).toThrow(NonFiniteError);
    expect(() => assertLogits(rank1, context)).toThrow(/rank-2/);
    expect(() => assertLogits([[1, 2]], context)).toThrow(InvalidArgumentError);
    expect(() => assertLogits(good, context)).not.toThrow();
    tf.dispose([probabilities, nan, rank1, good]);
    expect(() => assertTensor(good, context)).toThrow(/disposed/);
  });

  it('snapshots restore variables exactly', () => {
    const v = tf.variable(tf.tensor1d([1, 2]), true, 'core-snap-v');
    const snapshot = snapshotVariables(new Map([['v', v]]));
    v.assign(tf.tensor1d([5, 6]));
    restoreVariables(new Map([['v', v]]), snapshot);
    expect(Array.from(v.dataSync())).toEqual([1, 2]);
    expect(() => restoreVariables(new Map(), snapshot)).toThrow(/does not have/);
    snapshot.dispose();
    v.dispose();
  });

  it('batchToTensor normalises per channel and checks the channel count', () => {
    const batch = {
      images: Float32Array.from([0, 0.5, 1, 1]),
      shape: [1, 2, 1, 2] as const,
      labels: Int32Array.of(0),
      domains: Int32Array.of(0),
      indices: Int32Array.of(0),
    };
    const x = batchToTensor(batch, { mean: [0.5, 0], std: [0.5, 2] });
    expect(Array.from(x.dataSync())).toEqual([-1, 0.25, 1, 0.5]);
    x.dispose();
    expect(() => batchToTensor(batch, { mean: [0.5], std: [0.5] })).toThrow(/one entry per channel/);
  });
});

describe('readAndDispose', () => {
  beforeAll(async () => {
    await selectBackend('cpu', { backends: [cpuBackend], log: () => {} });
  });

  it('returns the values with their dtype and releases the tensor', async () => {
    const before = tf.memory().numTensors;
    const floats = await readAndDispose(tf.tensor1d([1.5, -2]));
    expect(Array.from(floats)).toEqual([1.5, -2]);
    const ints = await readAndDispose<'int32'>(
      tf.tidy(() => tf.argMax(tf.tensor2d([0, 3, 9, 1], [2, 2]), 1)),
    );
    expect(ints).toBeInstanceOf(Int32Array);
    expect(Array.from(ints)).toEqual([1, 0]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('addMany', () => {
  beforeAll(async () => {
    await selectBackend('cpu', { backends: [cpuBackend], log: () => {} });
  });

  it('equals the plain sum for 1 to 50 inputs (one, one full group, and trees of groups) and leaks nothing', async () => {
    for (const count of [1, 2, 7, 8, 14, 15, 49, 50]) {
      const inputs = Array.from({ length: count }, (_, i) => tf.tensor1d([i + 1, -2 * (i + 1)]));
      const before = tf.memory().numTensors;
      const sum = addMany(inputs);
      expect(tf.memory().numTensors, `count ${count}`).toBe(before + 1);
      const total = (count * (count + 1)) / 2;
      expect(Array.from(await readAndDispose(sum)), `count ${count}`).toEqual([total, -2 * total]);
      expect(inputs.every((t) => !t.isDisposed)).toBe(true); // the caller keeps its inputs
      tf.dispose(inputs);
    }
  });

  it('passes the gradient to every input, and names the fix for an empty list', () => {
    const inputs = Array.from({ length: 20 }, (_, i) => tf.scalar(i));
    const gradients = tf.grads((...xs: tf.Tensor[]) => tf.mul(addMany(xs), 3))(inputs);
    expect(gradients.map((g) => g.dataSync()[0])).toEqual(Array(20).fill(3));
    tf.dispose([...inputs, ...gradients]);
    expect(() => addMany([])).toThrow(/addMany.*at least one tensor.*tf\.scalar\(0\)/s);
  });
});
