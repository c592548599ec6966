import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, InvalidArgumentError, ensureGradients } from '@zerosiam/core';
import { createSimdBatchMatMulKernel } from './simd-kernels/batch-mat-mul-kernel';
import { createSimdDepthwiseConv2dKernel } from './simd-kernels/depthwise-conv2d-kernel';
import { setSimdKernelsEnabled } from './simd-kernels/simd-kernels-switch';
import { type CpuKernelBackend, createCpuFallbackKernel } from './cpu-fallback-kernel';
import { batchMatMulFastGradient } from './fast-gradients/batch-mat-mul-gradient';
import { conv2dFastGradient } from './fast-gradients/conv2d-gradient';
import { depthwiseConv2dFastGradient } from './fast-gradients/depthwise-conv2d-gradient';
import { registerFastGradient, setFastGradientsEnabled } from './fast-gradients/fast-gradient-registry';
import { gatherFastGradient } from './fast-gradients/gather-gradient';

export interface WasmCompatOptions {
  /**
   * Use the rewritten gradients (conv dx/dW, depthwise, 2-D matMul, gather) on wasm. `false`
   * leaves the stock tfjs gradients, still with the fallback kernels and the MaxPoolGrad fix,
   * so a benchmark can compare both. Default true.
   */
  readonly fastGradients?: boolean;
  /**
   * Run the BatchMatMul products that tfjs-backend-wasm computes in a scalar loop (batched or with
   * transpose flags: attention, GroupNorm statistics) and the unpadded stride-1 depthwise convs on
   * SIMD kernels. `false` keeps the stock kernels (to compare, or to reproduce numbers computed
   * with them). Default true.
   */
  readonly simdKernels?: boolean;
}

/** Kernels tfjs-backend-wasm 4.22 does not register at all. */
export const missingWasmKernels = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'UnsortedSegmentSum',
] as const;

/** Kernels whose wasm implementation gives wrong results and is replaced. */
export const replacedWasmKernels = ['MaxPoolGrad'] as const;

const installedKernels = new Set<tf.KernelConfig>();
let cpuBackend: CpuKernelBackend | undefined;

/**
 * Replaces wasm's BatchMatMul and DepthwiseConv2dNative by the SIMD wrappers around them, once.
 * The stock kernels are registered when @tensorflow/tfjs-backend-wasm is imported.
 */
function installSimdKernels(): void {
  const wrappers: [string, (stock: tf.KernelConfig) => tf.KernelConfig][] = [
    [tf.BatchMatMul, createSimdBatchMatMulKernel],
    [tf.DepthwiseConv2dNative, createSimdDepthwiseConv2dKernel],
  ];
  for (const [kernelName, wrap] of wrappers) {
    const current = tf.getKernel(kernelName, 'wasm');
    if (current === undefined || installedKernels.has(current)) continue;
    tf.unregisterKernel(kernelName, 'wasm');
    const config = wrap(current);
    tf.registerKernel(config);
    installedKernels.add(config);
  }
}

/**
 * Makes the wasm backend complete and fast for training (idempotent; `wasmBackend.setup()`
 * calls it):
 * - cpu-fallback kernels for the four kernels wasm lacks;
 * - a correct MaxPoolGrad (wasm's sends the gradient of a window whose maximum is ≤ 0 to its
 *   first element);
 * - fast gradients for Conv2D, DepthwiseConv2dNative, BatchMatMul and GatherV2, active only
 *   while the wasm backend is active (other backends keep the stock gradients);
 * - SIMD kernels for the BatchMatMul products the stock kernel runs in a scalar loop and for
 *   unpadded stride-1 depthwise convs.
 * The stock gradients are registered first (ensureGradients), since they are kept for delegation.
 */
export async function registerWasmCompat(options: WasmCompatOptions = {}): Promise<void> {
  for (const argument of ['fastGradients', 'simdKernels'] as const) {
    const value = options[argument];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new InvalidArgumentError({
        functionName: 'registerWasmCompat',
        argument,
        expected: 'a boolean',
        received: String(value),
        fix: 'pass true (default) or false',
      });
    }
  }
  let cpuModule: typeof import('@tensorflow/tfjs-backend-cpu');
  try {
    cpuModule = await import('@tensorflow/tfjs-backend-cpu');
  } catch (cause) {
    throw new BackendUnavailableError({
      backend: 'wasm',
      reason: '@tensorflow/tfjs-backend-cpu (needed for the fallback kernels) could not be imported',
      fix: 'pnpm add @tensorflow/tfjs-backend-cpu@4.22.0',
      cause,
    });
  }
  // A private cpu backend instance (kernels read its data map); it never becomes active.
  cpuBackend ??= new cpuModule.MathBackendCPU() as unknown as CpuKernelBackend;
  for (const kernelName of [...missingWasmKernels, ...replacedWasmKernels]) {
    const current = tf.getKernel(kernelName, 'wasm');
    if (current !== undefined && installedKernels.has(current)) continue;
    if (current !== undefined) tf.unregisterKernel(kernelName, 'wasm');
    const config = createCpuFallbackKernel(kernelName, cpuBackend);
    tf.registerKernel(config);
    installedKernels.add(config);
  }
  await ensureGradients();
  registerFastGradient('Conv2D', conv2dFastGradient);
  registerFastGradient('DepthwiseConv2dNative', depthwiseConv2dFastGradient);
  registerFastGradient('BatchMatMul', batchMatMulFastGradient);
  registerFastGradient('GatherV2', gatherFastGradient);
  setFastGradientsEnabled(options.fastGradients ?? true);
  installSimdKernels();
  setSimdKernelsEnabled(options.simdKernels ?? true);
}
