import * as tf from '@tensorflow/tfjs-core';
import { TIMEOUTS, describeForBackends, expectClose } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { createModel, modelRegistry } from './model-registry';

/** Entropy of the softmax: a TTA-shaped loss, so the test runs the backward pass methods run. */
const entropyLoss = (logits: tf.Tensor2D): tf.Scalar =>
  tf.neg(tf.mean(tf.sum(tf.mul(tf.softmax(logits), tf.logSoftmax(logits)), 1))) as tf.Scalar;

/** Kernel names run by one gradient computation of the norm parameters. */
async function backwardKernels(id: string, restrict: boolean) {
  const model = createModel(id, { inputShape: [16, 16, 1], numClasses: 5, seed: 4 });
  const norm = model.normParameters();
  model.restrictGradients(restrict ? norm : undefined);
  const images = tf.randomNormal([2, 16, 16, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
  let grads: tf.Tensor[] = [];
  const profile = await tf.profile(() => {
    const { grads: named } = tf.variableGrads(() => entropyLoss(model.forward(images)), norm);
    grads = norm.map((v) => named[v.name] as tf.Tensor);
  });
  const values = grads.map((g) => g.dataSync().slice());
  for (const g of grads) g.dispose();
  images.dispose();
  model.dispose();
  return { kernels: profile.kernels, values };
}

describeForBackends(['cpu', 'wasm'], 'restrictGradients (frozen conv / linear weights)', () => {
  for (const id of modelRegistry.names) {
    it(
      `${id}: norm-parameter gradients are unchanged and the backward pass runs fewer kernels`,
      async () => {
        const full = await backwardKernels(id, false);
        const restricted = await backwardKernels(id, true);
        expect(restricted.values.length).toBe(full.values.length);
        for (const [i, value] of restricted.values.entries()) {
          expectClose(value, full.values[i] as Float32Array, {
            rtol: 1e-4,
            atol: 1e-6,
            label: `${id} grad ${i}`,
          });
        }
        // The skipped filter / weight gradients are whole convs and matMuls.
        expect(restricted.kernels.length).toBeLessThan(full.kernels.length);
      },
      TIMEOUTS.gradientSuite,
    );
  }

  it('differentiating a weight left out fails loudly, and undefined restores it', () => {
    const model = createModel('resnet20-gn', { inputShape: [8, 8, 1], numClasses: 3, seed: 1 });
    const conv = model.namedParameters().get('conv1.weight');
    if (!conv) throw new Error('resnet20-gn has no conv1.weight');
    const images = tf.zeros([1, 8, 8, 1]) as tf.Tensor4D;
    const loss = () => entropyLoss(model.forward(images));
    model.restrictGradients(model.normParameters());
    expect(() => tf.variableGrads(loss, [conv])).toThrow();
    model.restrictGradients(undefined);
    const { value, grads } = tf.variableGrads(loss, [conv]);
    expect(grads[conv.name]?.shape).toEqual(conv.shape);
    tf.dispose([value, ...Object.values(grads), images]);
    model.dispose();
  });

  it('the cached flipped filters follow reassigned weights, add no tensors per step, and go with dispose', () => {
    for (const id of ['resnet20-gn', 'convnext-nano', 'vit-tiny']) {
      const start = tf.memory().numTensors;
      const model = createModel(id, { inputShape: [16, 16, 1], numClasses: 5, seed: 6 });
      const norm = model.normParameters();
      const images = tf.randomNormal([2, 16, 16, 1], 0, 1, 'float32', 7) as tf.Tensor4D;
      const gradients = () =>
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => entropyLoss(model.forward(images)), norm);
          return norm.map((v) => (grads[v.name] as tf.Tensor).dataSync().slice());
        });
      model.restrictGradients(norm);
      gradients(); // fills the cache
      const cached = tf.memory().numTensors;
      gradients();
      expect(tf.memory().numTensors, `${id}: tensors per step`).toBe(cached);
      // New values for every frozen weight (as restore() would assign): the cache must not serve stale filters.
      for (const [name, variable] of model.namedParameters()) {
        if (norm.includes(variable) || !name.endsWith('weight') || variable.rank < 2) continue;
        tf.tidy(() => variable.assign(tf.mul(variable, 1.5)));
      }
      const restricted = gradients();
      model.restrictGradients(undefined);
      const full = gradients();
      for (const [i, value] of restricted.entries()) {
        expectClose(value, full[i] as Float32Array, {
          rtol: 1e-4,
          atol: 1e-6,
          label: `${id} grad ${i} after assign`,
        });
      }
      images.dispose();
      model.dispose();
      expect(tf.memory().numTensors, `${id}: tensors after dispose`).toBe(start);
    }
  });
});
