import type * as tf from '@tensorflow/tfjs-core';
import { describeForBackends, expectClose } from '@zerosiam/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConfidentTinyNet, createImages } from '../test-support/confident-tiny-net';
import { createSource } from '../source/create-source';
import { createNorm } from './create-norm';

describeForBackends(['cpu', 'wasm'], 'createNorm', () => {
  let images: tf.Tensor4D;
  beforeAll(() => {
    images = createImages(4, 5);
  });
  afterAll(() => images.dispose());

  it('batch_size>1: BN uses test-batch statistics, source the running ones; no parameter changes', async () => {
    const model = createConfidentTinyNet('bn', 4);
    const before = Array.from(model.normParameters()[0]!.dataSync());
    const norm = createNorm(model);
    const adapted = await norm.adapt(images);
    expect(adapted.diagnostics.backwardPasses).toBe(0);
    expect(Array.from(model.normParameters()[0]!.dataSync())).toEqual(before);
    const batchLogits = adapted.logits;
    norm.dispose();
    const source = createSource(model);
    const frozen = await source.adapt(images);
    expect(model.normMode).toBe('running');
    let differs = false;
    for (let i = 0; i < batchLogits.length; i++)
      if (Math.abs(batchLogits[i]! - frozen.logits[i]!) > 1e-4) differs = true;
    expect(differs).toBe(true);
    source.dispose();
    model.dispose();
  });

  it('batch_size>1: on a GN model norm equals source', async () => {
    const model = createConfidentTinyNet('gn', 4);
    const norm = createNorm(model);
    const a = await norm.adapt(images);
    norm.dispose();
    const source = createSource(model);
    const b = await source.adapt(images);
    expectClose(a.logits, b.logits, { atol: 0, rtol: 0 });
    source.dispose();
    model.dispose();
  });
});
