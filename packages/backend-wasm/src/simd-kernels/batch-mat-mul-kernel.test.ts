import * as tf from '@tensorflow/tfjs-core';
import { SeededRng } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { activate, expectSimdAndStockMatchCpu, randomTensor } from '../../test/run-on-backends';
import { simdBatchMatMulShape } from './batch-mat-mul-kernel';
import { simdBatchedMatMul } from './simd-batched-mat-mul';

const rng = new SeededRng(11);

/** Plain-loop reference in float64: out[b] = op(a[b]) · op(b[b]). */
function reference(
  a: Float32Array,
  b: Float32Array,
  [batch, m, k, n]: readonly [number, number, number, number],
  transposeA: boolean,
  transposeB: boolean,
): Float64Array {
  const out = new Float64Array(batch * m * n);
  for (let entry = 0; entry < batch; entry++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          const x = a[entry * m * k + (transposeA ? p * m + i : i * k + p)] as number;
          const y = b[entry * k * n + (transposeB ? j * k + p : p * n + j)] as number;
          sum += x * y;
        }
        out[entry * m * n + i * n + j] = sum;
      }
  return out;
}

const values = (size: number) => Float32Array.from({ length: size }, () => rng.normal(0, 1));
const flagPairs = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;

describe('simdBatchedMatMul (the SIMD module alone)', () => {
  // Sizes cover the 4×4 tiles, the column tail (n mod 4), the row tail (m mod 4), one row and one column.
  it.each(
    [
      [3, 8, 5, 12],
      [2, 7, 9, 6],
      [4, 1, 13, 5],
      [1, 5, 3, 1],
      [2, 50, 32, 50],
    ].flatMap((sizes) => flagPairs.map(([ta, tb]) => [sizes, ta, tb] as const)),
  )('matches a float64 loop for [batch, m, k, n] = %j, transposeA %s, transposeB %s', (sizes, ta, tb) => {
    const [batch, m, k, n] = sizes as unknown as [number, number, number, number];
    const a = values(batch * m * k);
    const b = values(batch * k * n);
    const out = new Float32Array(batch * m * n).fill(Number.NaN);
    const shape = { batch, rows: m, depth: k, columns: n, transposeA: ta, transposeB: tb };
    expect(simdBatchedMatMul(a, b, out, shape)).toBe(true);
    const expected = reference(a, b, [batch, m, k, n], ta, tb);
    for (let i = 0; i < out.length; i++)
      expect(Math.abs((out[i] as number) - (expected[i] as number))).toBeLessThan(1e-5 * Math.sqrt(k) + 1e-6);
  });

  it('grows its memory for a large product and stays correct afterwards', () => {
    const big = { batch: 64, rows: 60, depth: 40, columns: 60, transposeA: false, transposeB: false };
    const a = values(64 * 60 * 40);
    const b = values(64 * 40 * 60);
    const out = new Float32Array(64 * 60 * 60);
    expect(simdBatchedMatMul(a, b, out, big)).toBe(true);
    const expected = reference(a, b, [64, 60, 40, 60], false, false);
    expect(Math.abs((out[out.length - 1] as number) - (expected[out.length - 1] as number))).toBeLessThan(
      1e-4,
    );
    const small = { batch: 1, rows: 2, depth: 2, columns: 2, transposeA: false, transposeB: false };
    const product = new Float32Array(4);
    simdBatchedMatMul(Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6, 7, 8), product, small);
    expect(Array.from(product)).toEqual([19, 22, 43, 50]);
  });

  it('rejects operands whose lengths do not match the shape, naming both', () => {
    const shape = { batch: 2, rows: 3, depth: 4, columns: 5, transposeA: false, transposeB: false };
    expect(() =>
      simdBatchedMatMul(new Float32Array(24), new Float32Array(39), new Float32Array(30), shape),
    ).toThrow(/must be a, b, out of 24, 40, 30 values .* but received 24, 39, 30 values\. Fix: /);
  });
});

describe('simdBatchMatMulShape (which products take the SIMD kernel)', () => {
  const info = (shape: number[], dtype: tf.DataType = 'float32') =>
    ({ shape, dtype, dataId: {} }) as tf.TensorInfo;

  it('takes batched and transposed float32 products', () => {
    expect(simdBatchMatMulShape(info([2, 4, 3, 5]), info([2, 4, 5, 6]), false, false)).toEqual({
      batch: 8,
      rows: 3,
      depth: 5,
      columns: 6,
      transposeA: false,
      transposeB: false,
    });
    expect(simdBatchMatMulShape(info([3, 7]), info([5, 7]), false, true)?.columns).toBe(5);
    expect(simdBatchMatMulShape(info([1, 7, 3]), info([1, 7, 5]), true, false)?.rows).toBe(3);
  });

  it('leaves the stock kernel the XNNPACK case, broadcasting, int32, empty axes and mismatches', () => {
    expect(simdBatchMatMulShape(info([3, 7]), info([7, 5]), false, false)).toBeUndefined();
    expect(simdBatchMatMulShape(info([1, 3, 7]), info([1, 7, 5]), false, false)).toBeUndefined();
    expect(simdBatchMatMulShape(info([2, 3, 7]), info([1, 7, 5]), false, false)).toBeUndefined();
    expect(simdBatchMatMulShape(info([2, 3, 7]), info([7, 5]), false, false)).toBeUndefined();
    expect(
      simdBatchMatMulShape(info([2, 3, 7], 'int32'), info([2, 7, 5], 'int32'), false, false),
    ).toBeUndefined();
    expect(simdBatchMatMulShape(info([2, 0, 7]), info([2, 7, 5]), false, false)).toBeUndefined();
    expect(simdBatchMatMulShape(info([2, 3, 7]), info([2, 6, 5]), false, false)).toBeUndefined();
  });
});

describe('the wasm BatchMatMul kernel with the SIMD path', () => {
  const cases = [
    { name: 'attention scores q·kᵀ', a: [2, 4, 10, 8], b: [2, 4, 10, 8], ta: false, tb: true },
    { name: 'attention context a·v', a: [2, 4, 10, 10], b: [2, 4, 10, 8], ta: false, tb: false },
    { name: 'a gradient aᵀ·dy', a: [6, 10, 10], b: [6, 10, 8], ta: true, tb: false },
    { name: 'both flags', a: [3, 5, 7], b: [3, 6, 5], ta: true, tb: true },
    { name: 'GroupNorm sum ones[1, P]·t[P, C]', a: [4, 1, 300], b: [4, 300, 16], ta: false, tb: false },
    { name: '2-D with a transpose flag', a: [9, 6], b: [5, 6], ta: false, tb: true },
    { name: '2-D plain (XNNPACK, stock)', a: [9, 6], b: [6, 5], ta: false, tb: false },
    { name: 'broadcast batch (stock)', a: [3, 4, 5], b: [1, 5, 2], ta: false, tb: false },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('matches the cpu backend: %s', async (_name, c) => {
    const a = randomTensor(rng, c.a);
    const b = randomTensor(rng, c.b);
    const run = () =>
      tf.tidy(() => {
        const y = tf.matMul(tf.tensor(a.values, a.shape), tf.tensor(b.values, b.shape), c.ta, c.tb);
        return { shape: y.shape, values: Array.from(y.dataSync()) };
      });
    await expectSimdAndStockMatchCpu(run, c.name);
  });

  it('keeps the output shape of rank-4 products', async () => {
    await activate('wasm');
    const y = tf.tidy(() => tf.matMul(tf.ones([2, 3, 4, 5]), tf.ones([2, 3, 6, 5]), false, true));
    expect(y.shape).toEqual([2, 3, 4, 6]);
    expect(Array.from(await y.data()).every((value) => value === 5)).toBe(true);
    y.dispose();
  });
});
