import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, AdaptationOutput } from '@zerosiam/core';
import { createTinyConvNet, describeForBackends, expectClose, expectNoLeaks } from '@zerosiam/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { predictorDeviation } from './predictor-deviation';
import { withZeroSiam } from './with-zero-siam';

/**
 * A plain "token head": features are given directly as the 2-D input's first row of each image
 * ([batch, 1, d, 1] → [batch, d]), then one frozen linear head. Nothing about images or norms.
 */
function createTokenHead(dimension: number, classes: number): AdaptableModel {
  const weight = tf.variable(
    tf.randomNormal([dimension, classes], 0, 1, 'float32', 3),
    true,
    `token-head-w-${Math.random()}`,
  );
  const scale = tf.variable(tf.ones([dimension]), true, `token-head-scale-${Math.random()}`);
  const params = new Map([
    ['head.weight', weight],
    ['norm.weight', scale],
  ]);
  const encode = (images: tf.Tensor4D) =>
    tf.tidy(() => tf.mul(tf.reshape(images, [images.shape[0], dimension]), scale) as tf.Tensor2D);
  const classify = (features: tf.Tensor2D): tf.Tensor2D => tf.matMul(features, weight as tf.Tensor2D);
  return {
    specificationVersion: 'v1',
    id: 'token-head',
    inputShape: [1, dimension, 1],
    numClasses: classes,
    featureDim: dimension,
    normMode: 'batch',
    hasBatchNorm: false,
    setNormMode: () => {},
    encode,
    classify,
    forward: (images) => tf.tidy(() => classify(encode(images))),
    adaptationForward(images): AdaptationOutput {
      const logits = tf.tidy(() => classify(encode(images)));
      return { predictionLogits: logits, adaptationLogits: logits };
    },
    normParameters: () => [scale],
    auxiliaryParameterGroups: () => [],
    namedParameters: () => params,
    snapshot: () => ({
      tensors: new Map([...params].map(([k, v]) => [k, tf.keep(tf.clone(v))])),
      dispose: () => {},
    }),
    restore: (snapshot) => {
      for (const [k, v] of snapshot.tensors) params.get(k)!.assign(v);
    },
    dispose: () => {
      weight.dispose();
      scale.dispose();
    },
  };
}

describeForBackends(['cpu', 'wasm'], 'withZeroSiam', () => {
  let model: ReturnType<typeof createTinyConvNet>;
  let images: tf.Tensor4D;
  beforeAll(() => {
    model = createTinyConvNet({ norm: 'gn', seed: 3 });
    images = tf.randomNormal([4, 8, 8, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
  });
  afterAll(() => {
    model.dispose();
    images.dispose();
  });

  it('batch_size>1: prediction = g(z), online = g(Pz), zero regulariser and zero KL gradient at P = I', () => {
    const wrapped = withZeroSiam(model);
    const plain = model.forward(images);
    const output = wrapped.adaptationForward(images);
    expectClose(output.predictionLogits, plain, { atol: 1e-6 });
    expectClose(output.adaptationLogits, plain, { atol: 1e-5 });
    expect(output.regulariser!.shape).toEqual([4]);
    expectClose(output.regulariser!, [0, 0, 0, 0], { atol: 1e-6 });
    tf.dispose([
      plain,
      output.predictionLogits,
      output.adaptationLogits,
      output.regulariser!,
      output.features!,
    ]);
    // Gradient of the alignment term alone, w.r.t. norm parameters and P: exactly zero at P = I.
    const variables = [...wrapped.normParameters(), ...wrapped.auxiliaryParameterGroups()[0]!.variables];
    const { value, grads } = tf.variableGrads(() => {
      const out = wrapped.adaptationForward(images);
      return tf.mean(out.regulariser!) as tf.Scalar;
    }, variables);
    for (const g of Object.values(grads)) expect(Math.max(...tf.abs(g).dataSync())).toBeLessThan(1e-6);
    tf.dispose([value, ...Object.values(grads)]);
    wrapped.dispose();
  });

  it('stop-gradient: the target branch gets no gradient unless stopGradient is false', () => {
    for (const detach of [true, false]) {
      const wrapped = withZeroSiam(model, {
        stopGradient: detach,
        predictor: 'identity',
      });
      const { value, grads } = tf.variableGrads(() => {
        const out = wrapped.adaptationForward(images);
        return tf.sum(out.predictionLogits) as tf.Scalar;
      }, wrapped.normParameters());
      const size = Object.values(grads).reduce((s, g) => s + tf.sum(tf.abs(g)).dataSync()[0]!, 0);
      if (detach) expect(size).toBe(0);
      else expect(size).toBeGreaterThan(0);
      tf.dispose([value, ...Object.values(grads)]);
      wrapped.dispose();
    }
  });

  it('predictor variants: groups, deviation and snapshot/restore back to the identity', () => {
    const linear = withZeroSiam(model);
    expect(linear.auxiliaryParameterGroups()).toHaveLength(1);
    expect(linear.auxiliaryParameterGroups()[0]!.learningRateScale).toBe(100);
    expect(predictorDeviation(linear)).toBe(0);
    const snapshot = linear.snapshot();
    const p = linear.namedParameters().get('predictor.0.weight')!;
    p.assign(tf.add(p, tf.fill(p.shape, 0.5)));
    expect(predictorDeviation(linear)).toBeCloseTo(0.5 * 8, 5);
    linear.restore(snapshot);
    expect(predictorDeviation(linear)).toBe(0);
    snapshot.dispose();
    linear.dispose();

    const identity = withZeroSiam(model, { predictor: 'identity' });
    expect(identity.auxiliaryParameterGroups()).toHaveLength(0);
    identity.dispose();
    const random = withZeroSiam(model, { predictor: 'random', seed: 5 });
    const again = withZeroSiam(model, { predictor: 'random', seed: 5 });
    expect(random.auxiliaryParameterGroups()).toHaveLength(0);
    expect(predictorDeviation(random)).toBeCloseTo(predictorDeviation(again)!, 6);
    const bound = 1 / Math.sqrt(8);
    const values = random.namedParameters().get('predictor.0.weight')!.dataSync();
    for (const v of values) expect(Math.abs(v)).toBeLessThanOrEqual(bound);
    random.dispose();
    again.dispose();
    const mlp = withZeroSiam(model, { predictor: 'mlp' });
    expect(mlp.auxiliaryParameterGroups()[0]!.variables).toHaveLength(4);
    expect(predictorDeviation(mlp)).toBeUndefined();
    mlp.dispose();
    expect(predictorDeviation(model)).toBeUndefined();
  });

  it('delegates to the wrapped model and does not leak', async () => {
    const wrapped = withZeroSiam(model, { divergence: 'js', alpha: 0.5 });
    expect(wrapped.inputShape).toEqual(model.inputShape);
    expect(wrapped.normParameters('exclude-last-stage')).toEqual(model.normParameters('exclude-last-stage'));
    // restrictGradients reaches the wrapped model (which may skip its frozen weight gradients).
    const received: (readonly tf.Variable[] | undefined)[] = [];
    const spy = withZeroSiam(
      {
        ...model,
        restrictGradients: (adapted: readonly tf.Variable[] | undefined) => received.push(adapted),
      },
      { predictor: 'linear' },
    );
    const adapted = [...model.normParameters()];
    spy.restrictGradients?.(adapted);
    spy.restrictGradients?.(undefined);
    expect(received).toEqual([adapted, undefined]);
    spy.dispose();
    await expectNoLeaks(() => {
      const out = wrapped.adaptationForward(images);
      tf.dispose([out.predictionLogits, out.adaptationLogits, out.regulariser!, out.features!]);
    });
    wrapped.dispose();
  });

  it('batch_size=1: works on a plain token head (no images, no norms)', () => {
    const head = createTokenHead(6, 3);
    const wrapped = withZeroSiam(head);
    const tokens = tf.randomNormal([1, 1, 6, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    const out = wrapped.adaptationForward(tokens);
    expect(out.predictionLogits.shape).toEqual([1, 3]);
    expect(out.regulariser!.shape).toEqual([1]);
    const variables = wrapped.auxiliaryParameterGroups()[0]!.variables;
    const { value, grads } = tf.variableGrads(() => {
      const o = wrapped.adaptationForward(tokens);
      return tf.mean(o.adaptationLogits) as tf.Scalar;
    }, [...variables]);
    expect(Object.keys(grads)).toHaveLength(1);
    tf.dispose([
      value,
      tokens,
      out.predictionLogits,
      out.adaptationLogits,
      out.regulariser!,
      out.features!,
      ...Object.values(grads),
    ]);
    wrapped.dispose();
    head.dispose();
  });

  it('rejects bad options', () => {
    expect(() => withZeroSiam(model, { alpha: -1 })).toThrow(/alpha/);
    expect(() => withZeroSiam(model, { predictor: 'conv' as never })).toThrow(
      /linear, identity, random, mlp/,
    );
    expect(() => withZeroSiam(model, { divergence: 'symetric-kl' })).toThrow(/symmetric-kl/);
  });
});
