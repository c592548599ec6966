import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, ensureGradients } from '@zerosiam/core';
import type { BackendSetupOptions, ComputeBackend } from '@zerosiam/core';

/**
 * The embedded default: tfjs-backend-wasm (SIMD, XNNPACK). `setup()` registers the missing
 * kernels, the fixed MaxPoolGrad and the fast gradients before activating it.
 */
export const wasmBackend: ComputeBackend = Object.freeze({
  specificationVersion: 'v1' as const,
  name: 'wasm',
  tfjsName: 'wasm',
  priority: 10,
  async isSupported() {
    try {
      await import('@tensorflow/tfjs-backend-wasm');
      return typeof WebAssembly === 'object';
    } catch {
      return false;
    }
  },
  async setup(options: BackendSetupOptions = {}) {
    try {
      await import('@tensorflow/tfjs-backend-wasm');
    } catch (cause) {
      throw new BackendUnavailableError({
        backend: 'wasm',
        reason: '@tensorflow/tfjs-backend-wasm could not be imported',
        fix: 'pnpm add @tensorflow/tfjs-backend-wasm@4.22.0',
        cause,
      });
    }
    await ensureGradients();
    if (!(await tf.setBackend('wasm'))) {
      throw new BackendUnavailableError({ backend: 'wasm', reason: 'tf.setBackend("wasm") failed', fix: 'check that WebAssembly is enabled' });
    }
    await tf.ready();
    void options;
    const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    return `wasm (${simd ? 'SIMD' : 'no SIMD'}, 1 thread)`;
  },
});
