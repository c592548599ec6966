import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { createTinyConvNet, describeForBackends } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { createSAR } from './create-sar';

interface Entry {
  readonly shape: number[];
  readonly data: number[];
}
// The GN parity fixture: batch 0 has reliable samples, batch 2 has none (see methods_parity.py).
const fixture = JSON.parse(
  readFileSync(new URL('../__fixtures__/methods-gn.json', import.meta.url), 'utf8'),
) as {
  state: Record<string, Entry>;
  batches: Entry[];
};

describeForBackends(['cpu'], 'createSAR recovery', () => {
  const run = async (options: { resetClearsEma?: boolean; resetMomentum?: boolean }) => {
    const model = createTinyConvNet({ norm: 'gn' });
    model.loadTorchState(fixture.state);
    const method = createSAR(model, { learningRate: 1e-2, resetThreshold: 0.6, ...options });
    const results = [];
    for (const index of [0, 2]) {
      const batch = fixture.batches[index]!;
      const images = tf.tensor4d(batch.data, batch.shape as [number, number, number, number]);
      results.push(await method.adapt(images));
      images.dispose();
    }
    method.dispose();
    model.dispose();
    return results;
  };

  it('batch_size>1: official behaviour keeps the EMA, so it resets again on a step with no reliable sample', async () => {
    const [first, second] = await run({});
    expect(first!.diagnostics.selected).toBeGreaterThan(0);
    expect(first!.diagnostics.didReset).toBe(true);
    expect(second!.diagnostics.selected).toBe(0);
    expect(second!.diagnostics.didReset).toBe(true);
  });

  it('batch_size>1: resetClearsEma clears it, so the quiet step does not reset', async () => {
    const [first, second] = await run({ resetClearsEma: true, resetMomentum: true });
    expect(first!.diagnostics.didReset).toBe(true);
    expect(first!.diagnostics.losses.ema).toBeUndefined();
    expect(second!.diagnostics.didReset).toBe(false);
  });
});
