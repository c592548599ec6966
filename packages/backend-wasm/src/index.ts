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
