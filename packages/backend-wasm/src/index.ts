export { wasmBackend } from './wasm-backend';
