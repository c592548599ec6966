import * as tf from '@tensorflow/tfjs-core';
import type { BackendSetupOptions, ComputeBackend } from '../contracts/compute-backend';
import { BackendUnavailableError } from '../errors/backend-unavailable-error';
import { ensureGradients } from './ensure-gradients';

/** The pure-JS reference backend: slow, exact, everywhere. Used as the oracle in tests. */
export const cpuBackend: ComputeBackend = Object.freeze({
  specificationVersion: 'v1' as const,
  name: 'cpu',
  tfjsName: 'cpu',
  priority: 0,
  async isSupported() {
    try {
      await import('@tensorflow/tfjs-backend-cpu');
      return true;
    } catch {
      return false;
    }
  },
  async setup(_options?: BackendSetupOptions) {
    try {
      await import('@tensorflow/tfjs-backend-cpu');
    } catch (cause) {
      throw new BackendUnavailableError({
        backend: 'cpu',
        reason: '@tensorflow/tfjs-backend-cpu could not be imported',
        fix: 'pnpm add @tensorflow/tfjs-backend-cpu@4.22.0',
        cause,
      });
    }
    await ensureGradients();
    if (!(await tf.setBackend('cpu'))) {
      throw new BackendUnavailableError({
        backend: 'cpu',
        reason: 'tf.setBackend("cpu") failed',
        fix: 'check the tfjs install',
      });
    }
    await tf.ready();
    return 'cpu (pure JavaScript reference kernels)';
  },
});
