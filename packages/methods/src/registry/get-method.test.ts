import * as tf from '@tensorflow/tfjs-core';
import type { TtaMethod } from '@zerosiam/core';
import { NonFiniteError, ShapeMismatchError, UnknownNameError } from '@zerosiam/core';
import { describeForBackends, expectClose } from '@zerosiam/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfidentTinyNet, createImages } from '../test-support/confident-tiny-net';
import { getMethod, methodNames } from './get-method';

const needsFisher = (name: string) => name.includes('eata');

function readAll(method: TtaMethod<unknown>): Map<string, number[]> {
  return new Map([...method.model.namedParameters()].map(([k, v]) => [k, Array.from(v.dataSync())]));
}

describe('getMethod', () => {
  it('lists every method and rejects unknown names with the nearest one', () => {
    expect(methodNames).toEqual([
      'source',
      'norm',
      'tent',
      'eata',
      'sar',
      'deyo',
      'tent+come',
      'deyo+come',
      'zerosiam',
      'zerosiam+eata',
      'zerosiam+deyo',
      'zerosiam+sar',
    ]);
    expect(() => getMethod('zerosaim')).toThrow(UnknownNameError);
    expect(() => getMethod('zerosaim')).toThrow(/zerosiam/);
    expect(Object.isFrozen(methodNames)).toBe(true);
  });
});

describeForBackends(['cpu'], 'every method', () => {
  let images: tf.Tensor4D[];
  let fisherImages: tf.Tensor4D;
  beforeAll(() => {
    images = [createImages(4, 1), createImages(4, 2), createImages(4, 3)];
    fisherImages = createImages(6, 9);
  });
  afterAll(() => tf.dispose([...images, fisherImages]));

  for (const name of methodNames) {
    it(`${name}: no tensor leaks across 100 steps; reset() restores parameters, optimiser and state exactly`, async () => {
      const model = createConfidentTinyNet(name.includes('sar') ? 'gn' : 'bn', 2);
      const start = tf.memory().numTensors;
      const method = getMethod(name)(
        model,
        needsFisher(name) ? { fisherImages, learningRate: 1e-2 } : { learningRate: 1e-2 },
      );
      // Reference run: 3 steps from the start.
      const first: number[][] = [];
      for (const batch of images) first.push(Array.from((await method.adapt(batch)).logits));
      const afterFirst = readAll(method);
      method.reset();
      // The first step creates the momentum buffers (retained state); nothing may grow after it.
      await method.adapt(images[0]!);
      const before = tf.memory().numTensors;
      for (let step = 1; step < 100; step++) {
        const result = await method.adapt(images[step % 3]!);
        expect(result.predictions).toHaveLength(4);
        expect(Number.isFinite(result.diagnostics.logitNorm)).toBe(true);
      }
      expect(tf.memory().numTensors).toBe(before);
      method.reset();
      const again: number[][] = [];
      for (const batch of images) again.push(Array.from((await method.adapt(batch)).logits));
      again.forEach((logits, i) => {
        expectClose(logits, first[i]!, {
          atol: 0,
          rtol: 0,
          label: `${name} step ${i} logits`,
        });
      });
      const afterAgain = readAll(method);
      for (const [key, values] of afterFirst)
        expectClose(afterAgain.get(key)!, values, {
          atol: 0,
          rtol: 0,
          label: key,
        });
      method.dispose();
      expect(tf.memory().numTensors).toBe(start);
      model.dispose();
    });
  }
});

describeForBackends(['cpu', 'wasm'], 'bad batches', () => {
  for (const name of ['tent', 'zerosiam', 'sar'] as const) {
    it(`${name}: NaN/Inf raise NonFiniteError before any parameter changes; empty and wrong shapes raise ShapeMismatchError`, async () => {
      const model = createConfidentTinyNet('gn', 3);
      const method = getMethod(name)(model);
      const before = readAll(method);
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
        const values = new Float32Array(2 * 8 * 8 * 3).fill(0.5);
        values[77] = bad;
        const x = tf.tensor4d(values, [2, 8, 8, 3]);
        await expect(method.adapt(x)).rejects.toThrow(NonFiniteError);
        x.dispose();
      }
      const empty = tf.zeros([0, 8, 8, 3]) as tf.Tensor4D;
      await expect(method.adapt(empty)).rejects.toThrow(ShapeMismatchError);
      const wrong = tf.zeros([2, 8, 8, 1]) as tf.Tensor4D;
      await expect(method.adapt(wrong)).rejects.toThrow(/\[any, 8, 8, 3\]/);
      await expect(method.predict(wrong)).rejects.toThrow(ShapeMismatchError);
      tf.dispose([empty, wrong]);
      const after = readAll(method);
      for (const [key, values] of before) expect(after.get(key)).toEqual(values);
      method.dispose();
      model.dispose();
    });
  }
});

describeForBackends(['cpu'], 'restrictGradients', () => {
  for (const name of methodNames) {
    it(`${name}: tells the model exactly which variables it will differentiate`, async () => {
      const model = createConfidentTinyNet(name.includes('sar') ? 'gn' : 'bn', 2);
      const calls: (readonly tf.Variable[] | undefined)[] = [];
      const spied = Object.assign(model, {
        restrictGradients: (adapted: readonly tf.Variable[] | undefined) => {
          calls.push(adapted);
        },
      });
      const fisherImages = createImages(6, 9);
      const method = getMethod(name)(
        spied,
        needsFisher(name) ? { fisherImages, learningRate: 1e-2 } : { learningRate: 1e-2 },
      );
      expect(calls).toHaveLength(1);
      const adapted = new Set(calls[0] ?? []);
      const forwardOnly = name === 'source' || name === 'norm';
      expect(adapted.size === 0).toBe(forwardOnly);
      // Every variable the step changes was announced; the model's own were not all announced.
      const before = readAll(method);
      const batch = createImages(4, 1);
      await method.adapt(batch);
      const announced = new Set([...adapted].map((v) => v.name));
      const byName = method.model.namedParameters();
      for (const [key, values] of readAll(method)) {
        const variable = byName.get(key);
        if (variable && !announced.has(variable.name)) expect(values, key).toEqual(before.get(key));
      }
      // Only norm affine parameters and the wrapper's own (predictor) variables are announced.
      const own = new Set([...model.namedParameters().values()].map((v) => v.name));
      const allowed = new Set(model.normParameters('all').map((v) => v.name));
      for (const variableName of announced)
        expect(allowed.has(variableName) || !own.has(variableName), variableName).toBe(true);
      tf.dispose([batch, fisherImages]);
      method.dispose();
      model.dispose();
    });
  }
});
