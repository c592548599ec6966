export {
  setSimdBatchMatMulEnabled,
  simdBatchMatMulEnabled,
} from './batched-mat-mul/batch-mat-mul-kernel';
export type { BatchedMatMulShape } from './batched-mat-mul/simd-batched-mat-mul';
export { simdBatchedMatMul, simdBatchedMatMulAvailable } from './batched-mat-mul/simd-batched-mat-mul';
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
