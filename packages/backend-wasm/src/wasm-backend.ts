import * as tf from '@tensorflow/tfjs-core';
import type { BackendSetupOptions, ComputeBackend } from '@zerosiam/core';
import { BackendUnavailableError, ensureGradients, InvalidArgumentError } from '@zerosiam/core';
import { type WasmThreadsShim, enableWasmThreads } from './enable-wasm-threads';
import { registerWasmCompat } from './register-wasm-compat';

// The threaded module loads one worker per thread; a broken shim shows up as a start that never ends.
const threadStartTimeoutMs = 30_000;

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer after ${milliseconds / 1000} s`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Options `wasmBackend.setup()` understands (on top of the common BackendSetupOptions). */
export interface WasmBackendSetupOptions extends BackendSetupOptions {
  /** Rewritten fast gradients on wasm (default true); false keeps the stock ones plus the kernel fixes. */
  readonly fastGradients?: boolean;
  /** SIMD kernels for batched / transposed BatchMatMul and stride-1 depthwise convs (default true); false keeps the stock ones. */
  readonly simdKernels?: boolean;
  /**
   * Experimental: XNNPACK worker threads through a Node shim (opt-in, never the default).
   * Omitted or 1: single-threaded. Fixed at the first setup of the process; threads help large
   * batches and slow batch 1 down. Use the number of physical cores.
   */
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
    const { fastGradients, simdKernels, threads } = options;
    for (const [argument, value] of [
      ['fastGradients', fastGradients],
      ['simdKernels', simdKernels],
    ] as const) {
      if (value !== undefined && typeof value !== 'boolean') {
        throw new InvalidArgumentError({
          functionName: 'wasmBackend.setup',
          argument,
          expected: 'a boolean',
          received: String(value),
          fix: 'pass true (default) or false',
        });
      }
    }
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 8)) {
      throw new InvalidArgumentError({
        functionName: 'wasmBackend.setup',
        argument: 'threads',
        expected: 'an integer from 1 to 8 (tfjs caps the XNNPACK pool at 8)',
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
    await registerWasmCompat({
      fastGradients: fastGradients ?? true,
      simdKernels: simdKernels ?? true,
    });
    const wantsThreads = threads !== undefined && threads > 1;
    const initialised =
      (tf.engine() as unknown as { registry: Record<string, unknown> }).registry.wasm !== undefined;
    if (wantsThreads && initialised && wasmModule.getThreadsCount() !== threads) {
      throw new BackendUnavailableError({
        backend: 'wasm',
        reason: `threads: ${threads} was requested, but the wasm backend of this process already runs with ${wasmModule.getThreadsCount()} thread(s); the thread pool is fixed when it first initialises`,
        fix: 'request threads in the first wasmBackend.setup() of the process (or run the work in a separate process)',
      });
    }
    let shim: WasmThreadsShim | undefined;
    if (wantsThreads && !initialised) {
      try {
        shim = await enableWasmThreads(threads);
      } catch (cause) {
        throw new BackendUnavailableError({
          backend: 'wasm',
          reason: `the experimental Node threads shim could not be installed (${describe(cause)})`,
          fix: 'omit `threads` to use the single-threaded wasm backend',
          cause,
        });
      }
    }
    let activated: boolean;
    try {
      activated = await (shim
        ? withTimeout(tf.setBackend('wasm'), threadStartTimeoutMs)
        : tf.setBackend('wasm'));
    } catch (cause) {
      shim?.uninstall();
      throw new BackendUnavailableError({
        backend: 'wasm',
        reason: `the multi-threaded wasm backend did not start (${describe(cause)})`,
        fix: 'omit `threads` to use the single-threaded wasm backend',
        cause,
      });
    }
    shim?.releaseCoreCount();
    if (!activated) {
      shim?.uninstall();
      throw new BackendUnavailableError({
        backend: 'wasm',
        reason: `tf.setBackend("wasm") failed${shim ? ' with the experimental threads shim' : ''}`,
        fix: shim
          ? 'omit `threads` to use the single-threaded wasm backend'
          : 'check that WebAssembly is enabled',
      });
    }
    await tf.ready();
    const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    const threadCount = wasmModule.getThreadsCount();
    const threadText = threadCount > 1 ? `${threadCount} threads, experimental` : '1 thread';
    const stock = [
      ...(fastGradients === false ? ['stock gradients'] : []),
      ...(simdKernels === false ? ['stock kernels'] : []),
    ];
    return `wasm (${[simd ? 'SIMD' : 'no SIMD', threadText, ...stock].join(', ')})`;
  },
});
