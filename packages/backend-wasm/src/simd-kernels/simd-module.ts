import { SIMD_KERNELS_WASM_BASE64 } from './simd-kernels-wasm';

/** The exports of simd-kernels.wat; pointers are byte offsets into `memory`. */
export interface SimdKernelsModule {
  readonly memory: WebAssembly.Memory;
  readonly batchedMatMul: (
    a: number,
    b: number,
    c: number,
    batch: number,
    m: number,
    k: number,
    n: number,
    rowStride: number,
    depthStride: number,
  ) => void;
  readonly depthwiseConv2d: (
    input: number,
    filter: number,
    out: number,
    batch: number,
    height: number,
    width: number,
    channels: number,
    filterHeight: number,
    filterWidth: number,
  ) => void;
}

const PAGE_BYTES = 65_536;
/** Operations whose operands need more than this stay on the stock kernels (the module's memory only grows). */
export const SIMD_KERNELS_MAX_BYTES = 512 * 1024 * 1024;

// undefined: not tried yet; null: this engine has no wasm SIMD (callers keep the stock kernels).
let loaded: SimdKernelsModule | null | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The instantiated module, or null where WebAssembly SIMD is unavailable. */
export function simdKernelsModule(): SimdKernelsModule | null {
  if (loaded !== undefined) return loaded;
  const bytes = decodeBase64(SIMD_KERNELS_WASM_BASE64);
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) {
    loaded = null;
    return loaded;
  }
  // Under 2 KB: synchronous compilation is allowed everywhere, including a browser's main thread.
  loaded = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as SimdKernelsModule;
  return loaded;
}

/** Whether this JavaScript engine runs the SIMD kernels (every engine with wasm SIMD: Node ≥ 16, current browsers). */
export function simdKernelsAvailable(): boolean {
  return simdKernelsModule() !== null;
}

/**
 * The module's memory as float32, grown to at least `floats` values; undefined when that exceeds
 * SIMD_KERNELS_MAX_BYTES. Take a fresh view after every call: growing detaches the old buffer.
 */
export function simdHeap(module: SimdKernelsModule, floats: number): Float32Array | undefined {
  const bytes = floats * 4;
  if (bytes > SIMD_KERNELS_MAX_BYTES) return undefined;
  const { memory } = module;
  if (memory.buffer.byteLength < bytes)
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
  return new Float32Array(memory.buffer, 0, floats);
}
