import * as tf from '@tensorflow/tfjs-core';
import type { Objective, TtaMethod } from '@zerosiam/core';
import { InvalidArgumentError } from '@zerosiam/core';
import { softmaxEntropy } from '@zerosiam/losses';
import { describeForBackends, expectNoLeaks } from '@zerosiam/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getMethod } from '../registry/get-method';
import { createConfidentTinyNet, createImages } from '../test-support/confident-tiny-net';

/**
 * Softmax entropy whose gradient function counts its calls: the count is the number of backward
 * passes that reached the loss, which no kernel-name heuristic could tell as directly.
 */
function countingEntropy(): { objective: Objective; backwardCalls: () => number } {
  let calls = 0;
  const perSample = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const logits = args[0] as tf.Tensor2D; // [batch, classes]
    const save = args[1] as tf.GradSaveFunc;
    const value = softmaxEntropy(logits, { reduction: 'none' }); // [batch]
    save([logits]);
    return {
      value,
      // dH/dz_j = −p_j (log p_j + H), per row, scaled by the incoming dy [batch].
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        calls += 1;
        const logProbabilities = tf.logSoftmax(saved[0]!); // [batch, classes]
        const probabilities = tf.exp(logProbabilities);
        const entropy = tf.neg(tf.sum(tf.mul(probabilities, logProbabilities), 1, true)); // [batch, 1]
        const gradient = tf.neg(tf.mul(probabilities, tf.add(logProbabilities, entropy)));
        return tf.mul(gradient, tf.expandDims(dy, 1));
      },
    };
  });
  const objective = Object.assign(
    (logits: tf.Tensor2D, options?: { reduction?: 'none' | 'mean' | 'sum' }) => {
      const values = perSample(logits) as tf.Tensor1D;
      if (options?.reduction === 'none') return values;
      return tf.tidy(() => (options?.reduction === 'sum' ? tf.sum(values) : tf.mean(values)));
    },
    {
      specificationVersion: 'v1' as const,
      id: 'counting-entropy',
      description: 'H(p), counting backward passes',
    },
  ) as Objective;
  return { objective, backwardCalls: () => calls };
}

function parameterValues(method: TtaMethod<unknown>): Float32Array[] {
  return [...method.model.namedParameters().values()].map((v) => v.dataSync().slice() as Float32Array);
}

/** Per method: options whose filters reject every sample, options that let samples through, and
 * the backward passes of a step that selects (SAR differentiates its second, perturbed pass too). */
const cases = {
  eata: {
    rejecting: { fisherAlpha: 0, entropyMargin: 0 },
    passing: { fisherAlpha: 0, entropyMargin: 10 },
    backwardPerStep: 1,
  },
  deyo: {
    rejecting: { plpdThreshold: 2 }, // PLPD = p[ŷ] − p'[ŷ] ≤ 1, so S2 stays empty
    passing: { entropyMargin: 10, plpdThreshold: -2 },
    backwardPerStep: 1,
  },
  sar: {
    rejecting: { entropyMargin: 0 }, // S1 empty: neither pass is differentiated
    passing: { entropyMargin: 10 },
    backwardPerStep: 2,
  },
} as const;

describeForBackends(['cpu', 'wasm'], 'a step that selects no sample', () => {
  let batches: tf.Tensor4D[];
  beforeAll(() => {
    batches = [createImages(6, 21), createImages(6, 22), createImages(6, 23)];
  });
  afterAll(() => tf.dispose(batches));

  for (const [name, { rejecting, passing, backwardPerStep }] of Object.entries(cases)) {
    for (const readback of ['sync', 'deferred'] as const) {
      it(`${name} (${readback} read-back) skips the backward pass, steps nothing and leaks nothing`, async () => {
        const model = createConfidentTinyNet('gn', 3);
        const { objective, backwardCalls } = countingEntropy();
        const method = getMethod(name)(model, { ...rejecting, objective, readback, learningRate: 0.1 });
        const before = parameterValues(method);
        for (const images of batches) {
          const step = await expectNoLeaks(() => method.adapt(images));
          expect(step.diagnostics.selected).toBe(0);
          expect(step.diagnostics.backwardPasses).toBe(0);
          expect(step.diagnostics.losses.total).toBe(0);
          expect(step.predictions).toHaveLength(6);
        }
        expect(backwardCalls()).toBe(0);
        expect(parameterValues(method)).toEqual(before);
        method.dispose();
        model.dispose();
      });

      if (readback === 'deferred')
        it(`${name}: with nothing selected, deferred read-back runs no forward pass beyond sync's`, async () => {
          const steps = [];
          for (const mode of ['sync', 'deferred'] as const) {
            const model = createConfidentTinyNet('gn', 3);
            const method = getMethod(name)(model, { ...rejecting, readback: mode, learningRate: 0.1 });
            steps.push(await expectNoLeaks(() => method.adapt(batches[0]!)));
            method.dispose();
            model.dispose();
          }
          const [sync, deferred] = steps;
          expect(deferred!.diagnostics.forwardPasses).toBe(sync!.diagnostics.forwardPasses);
          expect(deferred!.diagnostics.losses).toEqual(sync!.diagnostics.losses);
          expect(deferred!.predictions).toEqual(sync!.predictions);
        });

      it(`${name} (${readback} read-back) still differentiates every step that selects`, async () => {
        const model = createConfidentTinyNet('gn', 3);
        const { objective, backwardCalls } = countingEntropy();
        const method = getMethod(name)(model, { ...passing, objective, readback, learningRate: 0.1 });
        const before = parameterValues(method);
        const first = await method.adapt(batches[0]!); // creates the optimizer's momentum buffers
        expect(first.diagnostics.selected).toBeGreaterThan(0);
        expect(first.diagnostics.backwardPasses).toBe(6 * backwardPerStep);
        expect(backwardCalls()).toBe(backwardPerStep);
        expect(parameterValues(method)).not.toEqual(before);
        // EATA's redundancy filter may reject the second batch; the count follows what was reported.
        const second = await expectNoLeaks(() => method.adapt(batches[1]!));
        expect(backwardCalls()).toBe(backwardPerStep + second.diagnostics.backwardPasses / 6);
        method.dispose();
        model.dispose();
      });
    }
  }
});

describeForBackends(['cpu'], 'a loss that reaches no adapted variable', () => {
  it('fails loudly instead of silently never adapting', async () => {
    const model = createConfidentTinyNet('gn', 3);
    // A miswired model: its adaptation forward computes logits from the images alone.
    const miswired = Object.create(model, {
      adaptationForward: {
        value: (images: tf.Tensor4D) => {
          const logits = tf.tidy(() => tf.tile(tf.reshape(tf.mean(images, [1, 2, 3]), [-1, 1]), [1, 5]));
          return { predictionLogits: logits, adaptationLogits: logits };
        },
      },
    });
    const method = getMethod('tent')(miswired, { learningRate: 0.1 });
    const images = createImages(4, 5);
    await expect(method.adapt(images)).rejects.toThrow(InvalidArgumentError);
    await expect(method.adapt(images)).rejects.toThrow(/depends on none of them.*normParameters/s);
    images.dispose();
    method.dispose();
    model.dispose();
  });
});

describeForBackends(['cpu'], 'variables frozen after the method was created', () => {
  it('name the problem and the fix on the next step', async () => {
    const model = createConfidentTinyNet('gn', 3);
    const method = getMethod('tent')(model, { learningRate: 0.1 });
    const norms = model.normParameters('all');
    for (const variable of norms) variable.trainable = false;
    const images = createImages(4, 5);
    await expect(method.adapt(images)).rejects.toThrow(InvalidArgumentError);
    await expect(method.adapt(images)).rejects.toThrow(/none trainable.*set it back/s);
    for (const variable of norms) variable.trainable = true;
    images.dispose();
    method.dispose();
    model.dispose();
  });
});
