import { BATCHED_MAT_MUL_WASM_BASE64 } from './batched-mat-mul-wasm';

/** Sizes of out[b] = op(a[b]) · op(b[b]), op transposing the last two axes when its flag is set. */
export interface BatchedMatMulShape {
  readonly batch: number;
  /** m: rows of op(a) and of out. */
  readonly rows: number;
  /** k: columns of op(a), rows of op(b). */
  readonly depth: number;
  /** n: columns of op(b) and of out. */
  readonly columns: number;
  /** a is stored [batch, k, m] rather than [batch, m, k]. */
  readonly transposeA: boolean;
  /** b is stored [batch, n, k] rather than [batch, k, n]. */
  readonly transposeB: boolean;
}

interface BatchedMatMulModule {
  readonly memory: WebAssembly.Memory;
  readonly run: (
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
}

const PAGE_BYTES = 65_536;
/** Products whose operands need more than this stay on the stock kernel (the module's memory only grows). */
export const SIMD_MAT_MUL_MAX_BYTES = 512 * 1024 * 1024;

// undefined: not tried yet; null: this engine has no wasm SIMD (the caller keeps the stock kernel).
let loaded: BatchedMatMulModule | null | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function load(): BatchedMatMulModule | null {
  if (loaded !== undefined) return loaded;
  const bytes = decodeBase64(BATCHED_MAT_MUL_WASM_BASE64);
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) {
    loaded = null;
    return loaded;
  }
  // 1.1 KB: synchronous compilation is allowed everywhere, including a browser's main thread.
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const exports = instance.exports as {
    memory: WebAssembly.Memory;
    batchedMatMul: BatchedMatMulModule['run'];
  };
  loaded = { memory: exports.memory, run: exports.batchedMatMul };
  return loaded;
}

/** Whether this JavaScript engine runs the SIMD module (every engine with wasm SIMD: Node ≥ 16, current browsers). */
export function simdBatchedMatMulAvailable(): boolean {
  return load() !== null;
}

/**
 * Writes op(a) · op(b) for every batch entry into `out` ([batch, m, n], row-major), using the SIMD
 * module: a and b are copied into its memory (b transposed there when `transposeB`), the product
 * runs there, and the result is copied out. The copies are O(size) against the product's
 * O(m·k·n). Returns false, writing nothing, when the module is unavailable or the operands exceed
 * SIMD_MAT_MUL_MAX_BYTES; the caller then computes the product another way.
 */
export function simdBatchedMatMul(
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  shape: BatchedMatMulShape,
): boolean {
  const module = load();
  if (module === null) return false;
  const { batch, rows: m, depth: k, columns: n, transposeA, transposeB } = shape;
  const aSize = batch * m * k;
  const bSize = batch * k * n;
  const outSize = batch * m * n;
  if (a.length !== aSize || b.length !== bSize || out.length !== outSize) {
    throw new RangeError(
      `simdBatchedMatMul: expected a, b, out of ${aSize}, ${bSize}, ${outSize} values for ${JSON.stringify(shape)}, got ${a.length}, ${b.length}, ${out.length}`,
    );
  }
  const bytes = (aSize + bSize + outSize) * 4;
  if (bytes > SIMD_MAT_MUL_MAX_BYTES) return false;
  const { memory } = module;
  if (memory.buffer.byteLength < bytes)
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
  // A fresh view after any grow: growing detaches the old buffer.
  const heap = new Float32Array(memory.buffer, 0, aSize + bSize + outSize);
  heap.set(a, 0);
  if (transposeB) {
    // [batch, n, k] → [batch, k, n]: the kernel reads 4 adjacent columns of b per vector load.
    for (let entry = 0; entry < batch; entry++) {
      const from = entry * k * n;
      const to = aSize + from;
      for (let j = 0; j < n; j++) {
        const row = from + j * k;
        for (let p = 0; p < k; p++) heap[to + p * n + j] = b[row + p] as number;
      }
    }
  } else {
    heap.set(b, aSize);
  }
  // A is read in place through strides: element (i, p) at i·rowStride + p·depthStride.
  module.run(0, aSize * 4, (aSize + bSize) * 4, batch, m, k, n, transposeA ? 1 : k, transposeA ? m : 1);
  out.set(heap.subarray(aSize + bSize));
  return true;
}
