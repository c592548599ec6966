import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend, selectBackend } from '@zerosiam/core';
import type { ComputeBackend } from '@zerosiam/core';
import { wasmBackend } from '@zerosiam/backend-wasm';
import { beforeAll, describe } from 'vitest';

export type TestBackendName = 'cpu' | 'wasm';

const backends: Record<TestBackendName, ComputeBackend> = { cpu: cpuBackend, wasm: wasmBackend };

/**
 * Runs the same suite once per backend. Each suite activates its backend in `beforeAll`, so
 * suites of one file run in order on one engine. Unavailable backends are skipped, not failed.
 */
export function describeForBackends(
  names: readonly TestBackendName[],
  title: string,
  body: (backend: TestBackendName) => void,
): void {
  for (const name of names) {
    describe(`${title} [${name}]`, () => {
      beforeAll(async () => {
        await useBackend(name);
      });
      body(name);
    });
  }
}

/** Activates a test backend quietly. */
export async function useBackend(name: TestBackendName): Promise<void> {
  await selectBackend(name, { backends: [backends[name]], log: () => {} });
  if (tf.getBackend() !== name) throw new Error(`could not activate backend ${name}`);
}
