import { InvalidArgumentError } from '@zerosiam/core';
import { simdHeap, simdKernelsModule } from './simd-module';

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

/**
 * Writes op(a) · op(b) for every batch entry into `out` ([batch, m, n], row-major), using the SIMD
 * module: a and b are copied into its memory (b transposed there when `transposeB`), the product
 * runs there, and the result is copied out. The copies are O(size) against the product's
 * O(m·k·n). Returns false, writing nothing, when the module is unavailable or the operands exceed
 * SIMD_KERNELS_MAX_BYTES; the caller then computes the product another way.
 */
export function simdBatchedMatMul(
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  shape: BatchedMatMulShape,
): boolean {
  const module = simdKernelsModule();
  if (module === null) return false;
  const { batch, rows: m, depth: k, columns: n, transposeA, transposeB } = shape;
  const aSize = batch * m * k;
  const bSize = batch * k * n;
  const outSize = batch * m * n;
  if (a.length !== aSize || b.length !== bSize || out.length !== outSize) {
    throw new InvalidArgumentError({
      functionName: 'simdBatchedMatMul',
      argument: 'a, b, out',
      expected: `a, b, out of ${aSize}, ${bSize}, ${outSize} values for ${JSON.stringify(shape)}`,
      received: `${a.length}, ${b.length}, ${out.length} values`,
      fix: 'pass arrays of batch·m·k, batch·k·n and batch·m·n values, or correct the shape',
    });
  }
  const heap = simdHeap(module, aSize + bSize + outSize);
  if (heap === undefined) return false;
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
  module.batchedMatMul(
    0,
    aSize * 4,
    (aSize + bSize) * 4,
    batch,
    m,
    k,
    n,
    transposeA ? 1 : k,
    transposeA ? m : 1,
  );
  out.set(heap.subarray(aSize + bSize));
  return true;
}
