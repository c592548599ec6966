import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type * as tf from '@tensorflow/tfjs-core';
import { simdKernelsEnabled } from './simd-kernels-switch';

/** One call the SIMD module takes: the output's shape and a function over heap views of the operands. */
export interface SimdCall {
  readonly outShape: readonly number[];
  readonly operands: readonly tf.TensorInfo[];
  /** Writes the output; false when the module cannot take it after all (then the stock kernel runs). */
  readonly run: (operands: Float32Array[], out: Float32Array) => boolean;
}

/**
 * A wasm kernel that runs `plan`'s SIMD call when the SIMD kernels are on and `plan` accepts the
 * call, and the stock kernel otherwise.
 */
export function wrapWithSimd(
  stock: tf.KernelConfig,
  plan: (inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) => SimdCall | undefined,
): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const call = simdKernelsEnabled() ? plan(args.inputs, args.attrs ?? {}) : undefined;
    if (call === undefined) return stock.kernelFunc(args);
    const wasm = args.backend as unknown as BackendWasm;
    const out = wasm.makeOutput([...call.outShape], 'float32');
    // Heap views are taken after makeOutput, which may grow (and so detach) the heap.
    const views = call.operands.map((operand) => wasm.typedArrayFromHeap(operand) as Float32Array);
    if (call.run(views, wasm.typedArrayFromHeap(out) as Float32Array)) return out;
    wasm.disposeData(out.dataId);
    return stock.kernelFunc(args);
  };
  return {
    kernelName: stock.kernelName,
    backendName: 'wasm',
    // The stock kernel binds its wasm function in setupFunc; it must still run when the backend starts.
    setupFunc: stock.setupFunc,
    disposeFunc: stock.disposeFunc,
    kernelFunc,
  };
}
