import * as tf from '@tensorflow/tfjs-core';
import type { BackendSetupOptions, ComputeBackend } from '@zerosiam/core';
import { BackendUnavailableError, ensureGradients, InvalidArgumentError } from '@zerosiam/core';
import { registerWasmCompat } from './register-wasm-compat';

/** Options `wasmBackend.setup()` understands (on top of the common BackendSetupOptions). */
export interface WasmBackendSetupOptions extends BackendSetupOptions {
  /** Rewritten fast gradients on wasm (default true); false keeps the stock ones plus the kernel fixes. */
  readonly fastGradients?: boolean;
  /** Experimental: XNNPACK worker threads (Node shim, opt-in). Omitted or 1: single-threaded. */
  readonly threads?: number;
}

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
  async setup(options: WasmBackendSetupOptions = {}) {
    const { fastGradients, threads } = options;
    if (fastGradients !== undefined && typeof fastGradients !== 'boolean') {
      throw new InvalidArgumentError({
        functionName: 'wasmBackend.setup',
        argument: 'fastGradients',
        expected: 'a boolean',
        received: String(fastGradients),
        fix: 'pass true (default) or false',
      });
    }
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
      throw new InvalidArgumentError({
        functionName: 'wasmBackend.setup',
        argument: 'threads',
        expected: 'an integer from 1 to 64',
        received: String(threads),
        fix: 'omit it for the single-threaded default, or pass e.g. the number of physical cores',
      });
    }
    let wasmModule: typeof import('@tensorflow/tfjs-backend-wasm');
    try {
      wasmModule = await import('@tensorflow/tfjs-backend-wasm');
    } catch (cause) {
      throw new BackendUnavailableError({
        backend: 'wasm',
        reason: '@tensorflow/tfjs-backend-wasm could not be imported',
        fix: 'pnpm add @tensorflow/tfjs-backend-wasm@4.22.0',
        cause,
      });
    }
    await ensureGradients();
    await registerWasmCompat({ fastGradients: fastGradients ?? true });
    void wasmModule;
    if (!(await tf.setBackend('wasm'))) {
      throw new BackendUnavailableError({
        backend: 'wasm',
        reason: 'tf.setBackend("wasm") failed',
        fix: 'check that WebAssembly is enabled',
      });
    }
    await tf.ready();
    const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    return `wasm (${simd ? 'SIMD' : 'no SIMD'}, 1 thread${fastGradients === false ? ', stock gradients' : ''})`;
  },
});
