import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@zerosiam/core';
import { describeForBackends } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { createConfidentTinyNet, createImages } from '../test-support/confident-tiny-net';
import { createEATA, eataSelect } from './create-eata';

describeForBackends(['cpu'], 'createEATA', () => {
  it('asks for clean images for the Fisher estimate, or fisherAlpha: 0', () => {
    const model = createConfidentTinyNet('gn', 2);
    expect(() => createEATA(model)).toThrow(InvalidArgumentError);
    expect(() => createEATA(model)).toThrow(/fisherAlpha: 0/);
    createEATA(model, { fisherAlpha: 0 }).dispose();
    model.dispose();
  });

  it('batch_size>1: the redundancy filter is skipped until the first update, then drops samples close to m', () => {
    const state = { modelProbabilities: null as Float32Array | null };
    const p = [
      Float32Array.of(0.9, 0.05, 0.05),
      Float32Array.of(0.05, 0.9, 0.05),
      Float32Array.of(0.4, 0.3, 0.3),
    ];
    const scores = Float32Array.of(0.3, 0.3, 2);
    const first = eataSelect(scores, p, state, 0.5, 0.05);
    expect(Array.from(first.mask)).toEqual([1, 1, 0]);
    expect(first.weights![0]).toBeCloseTo(Math.exp(0.2), 6);
    expect(state.modelProbabilities![0]).toBeCloseTo(0.475, 6);
    // The same samples are now redundant with m (|cos| far above 0.05).
    const second = eataSelect(scores, p, state, 0.5, 0.05);
    expect(Array.from(second.mask)).toEqual([0, 0, 0]);
  });

  it('keeps the Fisher estimate across reset()', async () => {
    const model = createConfidentTinyNet('bn', 2);
    const fisherImages = createImages(8, 3);
    const method = createEATA(model, { fisherImages, fisherBatchSize: 4, learningRate: 1e-2 });
    const images = createImages(4, 1);
    const a = await method.adapt(images);
    method.reset();
    const b = await method.adapt(images);
    expect(b.diagnostics.losses).toEqual(a.diagnostics.losses);
    method.dispose();
    tf.dispose([fisherImages, images]);
    model.dispose();
  });
});
