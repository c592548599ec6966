import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { createTinyConvNet, describeForBackends, expectClose, TIMEOUTS } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { getMethod } from './registry/get-method';

/**
 * Parity with PyTorch: fixtures written by packages/testing/parity/methods_parity.py (from
 * methods.md, not from any other code). Every method, 3 steps, tiny BN and GN nets.
 */
interface Entry {
  readonly shape: number[];
  readonly data: number[];
}
interface Step {
  readonly selected: number;
  readonly predictions: number[];
  readonly logits: number[];
  readonly parameters: Record<string, number[]>;
  readonly permutations?: number[][];
  readonly objective?: number;
  readonly regulariser?: number;
  readonly fisher?: number;
  readonly total?: number;
  readonly ema?: number | null;
  readonly didReset?: boolean;
}
interface Fixture {
  readonly norm: 'bn' | 'gn';
  readonly learningRate: number;
  readonly state: Record<string, Entry>;
  readonly batches: Entry[];
  readonly fisherImages: Entry;
  readonly cases: Record<
    string,
    {
      spec: { method: string; predictor?: string; resetThreshold?: number };
      steps: Step[];
      weights?: Record<string, Entry>;
    }
  >;
}

const load = (norm: string): Fixture =>
  JSON.parse(
    readFileSync(new URL(`./__fixtures__/methods-${norm}.json`, import.meta.url), 'utf8'),
  ) as Fixture;

const tolerance = { rtol: 1e-4, atol: 2e-5 };

describeForBackends(['cpu', 'wasm'], 'PyTorch parity', () => {
  for (const norm of ['gn', 'bn'] as const) {
    const fixture = load(norm);
    for (const [caseId, { spec, steps, weights }] of Object.entries(fixture.cases)) {
      it(
        `${norm} ${caseId}: 3 steps match PyTorch (losses, selections, predictions, adapted parameters)`,
        async () => {
          const model = createTinyConvNet({ norm });
          model.loadTorchState(fixture.state);
          const fisherImages = tf.tensor4d(
            fixture.fisherImages.data,
            fixture.fisherImages.shape as [number, number, number, number],
          );
          let step = 0;
          const options: Record<string, unknown> = { learningRate: fixture.learningRate };
          if (spec.method.includes('eata')) Object.assign(options, { fisherImages, fisherBatchSize: 4 });
          if (spec.method.includes('deyo')) options.permutations = () => steps[step]!.permutations!;
          if (spec.predictor) options.predictor = spec.predictor;
          if (spec.resetThreshold !== undefined) options.resetThreshold = spec.resetThreshold;
          const method = getMethod(spec.method)(
            model,
            spec.method === 'source' || spec.method === 'norm' ? {} : options,
          );
          const named = method.model.namedParameters();
          for (const [name, entry] of Object.entries(weights ?? {})) {
            const value = tf.tensor(entry.data, entry.shape);
            named.get(`predictor.${name}`)!.assign(entry.shape.length === 2 ? tf.transpose(value) : value);
          }
          for (step = 0; step < steps.length; step++) {
            const expected = steps[step]!;
            const batch = fixture.batches[step]!;
            const images = tf.tensor4d(batch.data, batch.shape as [number, number, number, number]);
            const result = await method.adapt(images);
            images.dispose();
            const label = `${norm} ${caseId} step ${step}`;
            expect(Array.from(result.predictions), `${label} predictions`).toEqual(expected.predictions);
            expectClose(result.logits, expected.logits, { ...tolerance, label: `${label} logits` });
            expect(result.diagnostics.selected, `${label} selected`).toBe(expected.selected);
            const losses = result.diagnostics.losses;
            for (const key of ['objective', 'regulariser', 'fisher', 'total'] as const) {
              if (expected[key] !== undefined)
                expectClose(losses[key]!, expected[key]!, { ...tolerance, label: `${label} ${key}` });
            }
            if (expected.didReset !== undefined)
              expect(result.diagnostics.didReset, `${label} didReset`).toBe(expected.didReset);
            if (typeof expected.ema === 'number')
              expectClose(losses.ema!, expected.ema, { ...tolerance, label: `${label} ema` });
            for (const [name, values] of Object.entries(expected.parameters)) {
              const variable = named.get(name);
              expect(variable, `${label} has ${name}`).toBeDefined();
              const actual = variable!.shape.length === 2 ? tf.transpose(variable!) : variable!;
              expectClose(actual.dataSync(), values, { ...tolerance, label: `${label} ${name}` });
              if (actual !== variable) actual.dispose();
            }
          }
          method.dispose();
          fisherImages.dispose();
          model.dispose();
        },
        TIMEOUTS.parity,
      );
    }
  }
});
