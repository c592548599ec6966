let enabled = true;

/**
 * Turns the SIMD kernels (BatchMatMul, DepthwiseConv2dNative) on or off for the wasm backend (on by
 * default), e.g. to compare them with the stock kernels or to reproduce numbers computed with those.
 */
export function setSimdKernelsEnabled(value: boolean): void {
  enabled = value;
}

/** Whether the wasm backend's BatchMatMul and DepthwiseConv2dNative take their SIMD paths. */
export function simdKernelsEnabled(): boolean {
  return enabled;
}
