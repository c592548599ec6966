import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeMismatchError, UnknownNameError } from '@zerosiam/core';
import { TIMEOUTS, expectClose, useBackend } from '@zerosiam/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, getModelFactory, modelRegistry } from './model-registry';
import type { ZooModel } from './zoo-model';

const ids = ['resnet20-gn', 'resnet20-bn', 'vit-tiny', 'convnext-nano'] as const;

/** Loss whose gradient w.r.t. the norm parameters is compared across backends. */
function normGradients(model: ZooModel, images: tf.Tensor4D): Float32Array[] {
  return tf.tidy(() => {
    const variables = model.normParameters('all');
    const { grads } = tf.variableGrads(() => {
      const logits = model.forward(images);
      return tf.mean(tf.sum(tf.mul(tf.softmax(logits), tf.logSoftmax(logits)), 1)) as tf.Scalar; // −entropy
    }, variables);
    return variables.map((v) => (grads[v.name] as tf.Tensor).dataSync() as Float32Array);
  });
}

describe('zoo models: cpu and wasm agree (forward, norm-parameter gradients)', () => {
  const models = new Map<string, ZooModel>();
  const cpu = new Map<string, { logits: Float32Array; grads: Float32Array[] }>();
  let images: tf.Tensor4D;
  beforeAll(async () => {
    await useBackend('cpu');
    images = tf.randomNormal([2, 28, 28, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    for (const id of ids) {
      const model = createModel(id, { inputShape: [28, 28, 1], numClasses: 10, seed: 3 });
      model.setNormMode('batch');
      models.set(id, model);
      const logits = model.forward(images);
      cpu.set(id, { logits: logits.dataSync() as Float32Array, grads: normGradients(model, images) });
      logits.dispose();
    }
    await useBackend('wasm');
  }, TIMEOUTS.cpuReference);
  afterAll(() => {
    for (const model of models.values()) model.dispose();
    images.dispose();
  });
  for (const id of ids) {
    it(`${id}: logits and norm-parameter gradients within 1e-4 relative`, () => {
      const model = models.get(id) as ZooModel;
      const reference = cpu.get(id) as { logits: Float32Array; grads: Float32Array[] };
      const logits = model.forward(images);
      const scale = Math.max(...reference.logits.map(Math.abs));
      expectClose(logits, reference.logits, { rtol: 1e-4, atol: 1e-4 * scale, label: `${id} logits` });
      logits.dispose();
      const grads = normGradients(model, images);
      grads.forEach((g, i) => {
        const ref = reference.grads[i] as Float32Array;
        const gradScale = Math.max(1e-6, ...ref.map(Math.abs));
        expectClose(g, ref, { rtol: 1e-3, atol: 1e-3 * gradScale, label: `${id} grad ${i}` });
      });
    });
  }
});

describe('zoo models: contract', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  }, TIMEOUTS.backendSetup);

  it('lists the zoo and rejects unknown names with a suggestion', () => {
    expect(modelRegistry.names).toEqual(['resnet20-gn', 'resnet20-bn', 'vit-tiny', 'convnext-nano']);
    expect(() => getModelFactory('resnet20_gn')).toThrow(UnknownNameError);
    expect(() => createModel('resnet20-gm')).toThrow(/Did you mean 'resnet20-g[nm]'/);
  });

  it('resnet20-gn: PyTorch names, shapes for 28×28×1 and 32×32×3, norm selections', () => {
    for (const inputShape of [
      [28, 28, 1],
      [32, 32, 3],
    ] as const) {
      const model = createModel('resnet20-gn', { inputShape, numClasses: 7, seed: 1 });
      const names = [...model.namedParameters().keys()];
      expect(names).toContain('layer1.0.conv1.weight');
      expect(names).toContain('layer2.0.shortcut.0.weight');
      expect(names).toContain('layer3.2.bn2.bias');
      expect(model.namedParameters().get('conv1.weight')?.shape).toEqual([3, 3, inputShape[2], 16]);
      const logits = model.forward(tf.zeros([2, ...inputShape]) as tf.Tensor4D);
      expect(logits.shape).toEqual([2, 7]);
      logits.dispose();
      // 1 stem + 9 blocks × 2 + 2 projection norms = 21 norm modules; layer3 holds 3×2 + 1 = 7.
      expect(model.normParameters('all')).toHaveLength(42);
      expect(model.normParameters('exclude-last-stage')).toHaveLength(28);
      expect(model.auxiliaryParameterGroups()).toEqual([]);
      model.dispose();
    }
  });

  it('exclude-last-stage leaves out the last stage and the final norm (vit-tiny, convnext-nano)', () => {
    const vit = createModel('vit-tiny', { inputShape: [32, 32, 3] });
    // 4 blocks × 2 LayerNorms + final norm = 9 modules; excluded: blocks.3 (2) + norm (1).
    expect(vit.normParameters('all')).toHaveLength(18);
    expect(vit.normParameters('exclude-last-stage')).toHaveLength(12);
    expect(vit.namedParameters().get('pos_embed')?.shape).toEqual([1, 65, 128]);
    vit.dispose();
    const convnext = createModel('convnext-nano');
    const excluded = new Set(convnext.normParameters('exclude-last-stage'));
    const left = [...convnext.namedParameters()].filter(
      ([, v]) => convnext.normParameters('all').includes(v) && !excluded.has(v),
    );
    expect(
      left
        .map(([name]) => name)
        .every((name) => name.startsWith('stages.2.') || name.startsWith('head.norm')),
    ).toBe(true);
    expect(left.length).toBeGreaterThan(0);
    convnext.dispose();
  });

  it('BatchNorm: running vs batch statistics, training updates running stats, snapshot/restore', () => {
    const model = createModel('resnet20-bn', { seed: 2 });
    expect(model.hasBatchNorm).toBe(true);
    expect(model.normMode).toBe('running');
    const x = tf.randomNormal([4, 28, 28, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
    const snapshot = model.snapshot();
    const running = model.forward(x);
    model.setNormMode('batch');
    const batch = model.forward(x);
    expect(tf.max(tf.abs(tf.sub(running, batch))).dataSync()[0]).toBeGreaterThan(1e-3);
    const mean = model.namedParameters().get('bn1.running_mean') as tf.Variable;
    expect(mean.trainable).toBe(false);
    model.setTraining(true);
    model.forward(x).dispose();
    model.setTraining(false);
    expect(tf.max(tf.abs(mean)).dataSync()[0]).toBeGreaterThan(0);
    model.restore(snapshot);
    expect(model.normMode).toBe('running');
    expect(tf.max(tf.abs(mean)).dataSync()[0]).toBe(0);
    expect(() => model.setNormMode('train' as never)).toThrow(InvalidArgumentError);
    tf.dispose([x, running, batch]);
    snapshot.dispose();
    model.dispose();
  });

  it('rejects images of the wrong shape with a ShapeMismatchError', () => {
    const model = createModel('resnet20-gn');
    const wrong = tf.zeros([1, 32, 32, 3]) as tf.Tensor4D;
    expect(() => model.forward(wrong)).toThrow(ShapeMismatchError);
    expect(() => createModel('vit-tiny', { inputShape: [28, 28] as never })).toThrow(InvalidArgumentError);
    wrong.dispose();
    model.dispose();
  });

  it('adaptationForward returns the same logits for both branches and no leaks from forward', () => {
    const model = createModel('resnet20-gn');
    const x = tf.zeros([1, 28, 28, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    model.forward(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
    const output = model.adaptationForward(x);
    expect(output.adaptationLogits).toBe(output.predictionLogits);
    expect(output.features?.shape).toEqual([1, 64]);
    tf.dispose([output.predictionLogits, output.features as tf.Tensor, x]);
    model.dispose();
  });
});
