/** The TypeScript module text (base64 bytes) for the compiled batched-mat-mul.wat. */
export function renderWasmModule(): Promise<string>;
