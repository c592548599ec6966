/** The TypeScript module text (base64 bytes) for the compiled simd-kernels.wat. */
export function renderWasmModule(): Promise<string>;
