export type { BatchedMatMulShape } from './simd-kernels/simd-batched-mat-mul';
export { simdBatchedMatMul } from './simd-kernels/simd-batched-mat-mul';
export type { DepthwiseConv2dShape } from './simd-kernels/simd-depthwise-conv2d';
export { simdDepthwiseConv2d } from './simd-kernels/simd-depthwise-conv2d';
export { setSimdKernelsEnabled, simdKernelsEnabled } from './simd-kernels/simd-kernels-switch';
export { simdKernelsAvailable } from './simd-kernels/simd-module';
export {
  fastGradientsActive,
  setFastGradientsEnabled,
} from './fast-gradients/fast-gradient-registry';
export type { WasmCompatOptions } from './register-wasm-compat';
export {
  missingWasmKernels,
  registerWasmCompat,
  replacedWasmKernels,
} from './register-wasm-compat';
export type { WasmBackendSetupOptions } from './wasm-backend';
export { wasmBackend } from './wasm-backend';
