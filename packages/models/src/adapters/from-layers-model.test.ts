import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { InvalidArgumentError } from '@zerosiam/core';
import { TIMEOUTS, expectClose, useBackend } from '@zerosiam/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromLayersModel } from './from-layers-model';

function buildModel(lastActivation: string): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape: [6, 6, 1],
      filters: 4,
      kernelSize: 3,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(tfl.layers.batchNormalization());
  model.add(tfl.layers.activation({ activation: 'relu' }));
  model.add(tfl.layers.globalAveragePooling2d({}));
  model.add(tfl.layers.layerNormalization());
  model.add(
    tfl.layers.dense({
      units: 3,
      activation: lastActivation as 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
    }),
  );
  return model;
}

describe('fromLayersModel', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  }, TIMEOUTS.backendSetup);

  it('splits a LayersModel into encoder + linear head with BN/LN norm parameters', () => {
    const layers = buildModel('softmax');
    const model = fromLayersModel(layers, { id: 'toy' });
    expect(model.featureDim).toBe(4);
    expect(model.numClasses).toBe(3);
    expect(model.inputShape).toEqual([6, 6, 1]);
    expect(model.hasBatchNorm).toBe(true);
    expect(model.normParameters('all')).toHaveLength(4);
    expect(model.normParameters('exclude-last-stage')).toHaveLength(2);
    const x = tf.randomNormal([2, 6, 6, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const logits = model.forward(x);
    // softmax of our logits = the LayersModel's output
    expectClose(tf.softmax(logits), layers.predict(x) as tf.Tensor, { atol: 1e-5 });
    const { grads } = tf.variableGrads(
      () => tf.sum(model.forward(x)) as tf.Scalar,
      model.normParameters('all'),
    );
    expect(Object.keys(grads)).toHaveLength(4);
    tf.dispose([x, logits, ...Object.values(grads)]);
    model.dispose();
  });

  it('rejects models that do not end in a linear/softmax Dense layer', () => {
    expect(() => fromLayersModel(buildModel('relu'))).toThrow(InvalidArgumentError);
    const noDense = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [2, 2, 1] })] });
    expect(() => fromLayersModel(noDense)).toThrow(/Dense/);
  });
});
