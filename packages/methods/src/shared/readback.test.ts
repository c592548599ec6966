import * as tf from '@tensorflow/tfjs-core';
import type { StepResult, TtaMethod } from '@zerosiam/core';
import { assertFiniteDeferred, InvalidArgumentError, NonFiniteError } from '@zerosiam/core';
import { describeForBackends, expectClose } from '@zerosiam/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getMethod, methodNames } from '../registry/get-method';
import { createConfidentTinyNet, createImages } from '../test-support/confident-tiny-net';
import { checkReadback, resolveReadback } from './readback';

const gradientMethods = methodNames.filter((name) => name !== 'source' && name !== 'norm');
const selective = (name: string) => /eata|sar|deyo/.test(name);

function parametersOf(method: TtaMethod<unknown>): Map<string, Float32Array> {
  return new Map([...method.model.namedParameters()].map(([k, v]) => [k, v.dataSync() as Float32Array]));
}

describeForBackends(['cpu'], 'readback option', () => {
  it('accepts auto, sync and deferred, and names them when anything else arrives', () => {
    expect(checkReadback(undefined, 'tent')).toBe('auto');
    expect(checkReadback('deferred', 'tent')).toBe('deferred');
    expect(() => checkReadback('async', 'tent')).toThrow(InvalidArgumentError);
    expect(() => checkReadback('async', 'tent')).toThrow(
      /'auto', 'sync', 'deferred'.*"async"|'auto', 'sync', 'deferred'/s,
    );
    const model = createConfidentTinyNet('gn', 1);
    expect(() => getMethod('eata')(model, { readback: 'later', fisherAlpha: 0 })).toThrow(
      /options\.readback/,
    );
    model.dispose();
  });
});

describeForBackends(['cpu', 'wasm'], 'sync and deferred read-back', (backend) => {
  let batches: tf.Tensor4D[];
  let fisherImages: tf.Tensor4D;
  beforeAll(() => {
    batches = [createImages(6, 11), createImages(6, 12), createImages(6, 13), createImages(6, 14)];
    fisherImages = createImages(6, 9);
  });
  afterAll(() => tf.dispose([...batches, fisherImages]));

  it(`auto resolves to sync on ${backend}, which reads back synchronously`, () => {
    expect(resolveReadback('auto')).toBe('sync');
  });

  for (const name of gradientMethods) {
    it(`${name}: the same predictions, selections, losses and parameters; deferred pays only probe passes; no leaks`, async () => {
      const run = async (readback: 'sync' | 'deferred') => {
        // Head scales and margins picked so that the filters keep part of each batch: with 5
        // classes EATA's cosine filter (ε = 0.05) would reject every sample after the first step.
        const model = createConfidentTinyNet(
          name.includes('sar') ? 'gn' : 'bn',
          2,
          name === 'zerosiam+sar' ? 2.5 : name === 'sar' ? 3 : name.includes('deyo') ? 16 : 6,
        );
        const options = {
          learningRate: 1e-2,
          readback,
          ...(name.includes('eata') ? { fisherImages, redundancyMargin: 1.01 } : {}),
        };
        const method = getMethod(name)(model, options);
        const results: StepResult[] = [];
        // The first pass creates the momentum buffers (retained state) at its first update.
        for (const batch of batches) results.push(await method.adapt(batch));
        const before = tf.memory().numTensors;
        for (const batch of batches) results.push(await method.adapt(batch));
        const leaked = tf.memory().numTensors - before;
        const parameters = parametersOf(method);
        method.dispose();
        model.dispose();
        return { results, parameters, leaked };
      };
      const sync = await run('sync');
      const deferred = await run('deferred');
      expect(deferred.leaked).toBe(0);
      expect(sync.leaked).toBe(0);
      let anySelected = false;
      sync.results.forEach((a, step) => {
        const b = deferred.results[step]!;
        expect(Array.from(b.predictions), `step ${step} predictions`).toEqual(Array.from(a.predictions));
        expectClose(b.logits, a.logits, { atol: 1e-6, rtol: 1e-6, label: `step ${step} logits` });
        expect(b.diagnostics.selected, `step ${step} selected`).toBe(a.diagnostics.selected);
        anySelected ||= a.diagnostics.selected > 0 && a.diagnostics.selected < 6;
        for (const [term, value] of Object.entries(a.diagnostics.losses))
          expect(b.diagnostics.losses[term], `step ${step} ${term}`).toBeCloseTo(value, 5);
        const extra = b.diagnostics.forwardPasses - a.diagnostics.forwardPasses;
        if (selective(name)) expect(extra % 6, `step ${step} extra passes`).toBe(0);
        else expect(extra, `step ${step} extra passes`).toBe(0);
        expect(b.diagnostics.backwardPasses).toBe(a.diagnostics.backwardPasses);
      });
      // The comparison means something only if some step kept part of the batch.
      if (selective(name)) expect(anySelected).toBe(true);
      for (const [key, values] of sync.parameters)
        expectClose(deferred.parameters.get(key)!, values, { atol: 1e-6, rtol: 1e-5, label: key });
    });
  }

  it('assertFiniteDeferred names the first non-finite element and passes finite tensors', async () => {
    const values = new Float32Array(24).fill(1);
    const finite = tf.tensor1d(values);
    await expect(assertFiniteDeferred(finite, { functionName: 'f', argument: 'x' })).resolves.toBeUndefined();
    values[17] = Number.NEGATIVE_INFINITY;
    const bad = tf.tensor1d(values);
    const error = await assertFiniteDeferred(bad, { functionName: 'f', argument: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(NonFiniteError.isInstance(error)).toBe(true);
    expect((error as NonFiniteError).index).toBe(17);
    tf.dispose([finite, bad]);
  });
});
