import * as tf from '@tensorflow/tfjs-core';
import { SeededRng } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import {
  activate,
  expectRelativeClose,
  expectSimdAndStockMatchCpu,
  randomTensor,
} from '../../test/run-on-backends';
import { simdDepthwiseConv2dShape } from './depthwise-conv2d-kernel';
import { simdDepthwiseConv2d } from './simd-depthwise-conv2d';

const rng = new SeededRng(23);
const values = (size: number) => Float32Array.from({ length: size }, () => rng.normal(0, 1));

/** Plain-loop reference in float64 ('valid', stride 1, multiplier 1, NHWC). */
function reference(
  input: Float32Array,
  filter: Float32Array,
  [n, h, w, c, fh, fw]: readonly number[],
): Float64Array {
  const ho = (h as number) - (fh as number) + 1;
  const wo = (w as number) - (fw as number) + 1;
  const out = new Float64Array((n as number) * ho * wo * (c as number));
  let o = 0;
  for (let b = 0; b < (n as number); b++)
    for (let y = 0; y < ho; y++)
      for (let x = 0; x < wo; x++)
        for (let ch = 0; ch < (c as number); ch++) {
          let sum = 0;
          for (let i = 0; i < (fh as number); i++)
            for (let j = 0; j < (fw as number); j++)
              sum +=
                (input[
                  ((b * (h as number) + y + i) * (w as number) + x + j) * (c as number) + ch
                ] as number) * (filter[(i * (fw as number) + j) * (c as number) + ch] as number);
          out[o++] = sum;
        }
  return out;
}

describe('simdDepthwiseConv2d (the SIMD module alone)', () => {
  // [batch, height, width, channels, filterHeight, filterWidth]: 4-column blocks with and without a
  // remainder, fewer than 4 output columns, 1×1 and non-square filters.
  it.each([
    [2, 20, 20, 8, 7, 7],
    [1, 13, 11, 4, 7, 7],
    [3, 9, 9, 12, 7, 7],
    [2, 6, 9, 4, 3, 2],
    [1, 5, 5, 16, 1, 1],
  ])('matches a float64 loop for [n, h, w, c, fh, fw] = [%i, %i, %i, %i, %i, %i]', (n, h, w, c, fh, fw) => {
    const input = values(n * h * w * c);
    const filter = values(fh * fw * c);
    const out = new Float32Array(n * (h - fh + 1) * (w - fw + 1) * c).fill(Number.NaN);
    const shape = { batch: n, height: h, width: w, channels: c, filterHeight: fh, filterWidth: fw };
    expect(simdDepthwiseConv2d(input, filter, out, shape)).toBe(true);
    const expected = reference(input, filter, [n, h, w, c, fh, fw]);
    for (let i = 0; i < out.length; i++)
      expect(Math.abs((out[i] as number) - (expected[i] as number))).toBeLessThan(1e-5 * fh * fw);
  });

  it('rejects channels that are not a multiple of 4 and mismatched lengths, naming the shape', () => {
    const shape = { batch: 1, height: 4, width: 4, channels: 6, filterHeight: 3, filterWidth: 3 };
    expect(() =>
      simdDepthwiseConv2d(new Float32Array(96), new Float32Array(54), new Float32Array(24), shape),
    ).toThrow(/must be channels a multiple of 4 .* but received \{"batch":1.*"channels":6.*\. Fix: /);
    const good = { ...shape, channels: 4 };
    expect(() =>
      simdDepthwiseConv2d(new Float32Array(63), new Float32Array(36), new Float32Array(16), good),
    ).toThrow(/must be input, filter, out of 64, 36, 16 values .* but received 63, 36, 16 values\. Fix: /);
  });
});

describe('simdDepthwiseConv2dShape (which convs take the SIMD kernel)', () => {
  const info = (shape: number[], dtype: tf.DataType = 'float32') =>
    ({ shape, dtype, dataId: {} }) as tf.TensorInfo;
  const attrs = (extra: Partial<tf.DepthwiseConv2dNativeAttrs> = {}) =>
    ({
      strides: [1, 1],
      pad: 'valid',
      dilations: [1, 1],
      dataFormat: 'NHWC',
      ...extra,
    }) as tf.DepthwiseConv2dNativeAttrs;

  it('takes unpadded stride-1 float32 convs over 4k channels with multiplier 1', () => {
    expect(simdDepthwiseConv2dShape(info([2, 20, 20, 32]), info([7, 7, 32, 1]), attrs())).toEqual({
      batch: 2,
      height: 20,
      width: 20,
      channels: 32,
      filterHeight: 7,
      filterWidth: 7,
    });
    expect(
      simdDepthwiseConv2dShape(info([1, 5, 5, 4]), info([3, 3, 4, 1]), attrs({ pad: 0, strides: 1 })),
    ).toBeDefined();
  });

  it("leaves the stock kernel 'same' padding, strides, dilations, multipliers, odd channels and int32", () => {
    const x = info([2, 9, 9, 8]);
    const w = info([3, 3, 8, 1]);
    expect(simdDepthwiseConv2dShape(x, w, attrs({ pad: 'same' }))).toBeUndefined();
    expect(simdDepthwiseConv2dShape(x, w, attrs({ strides: [2, 2] }))).toBeUndefined();
    expect(simdDepthwiseConv2dShape(x, w, attrs({ dilations: [2, 2] }))).toBeUndefined();
    expect(simdDepthwiseConv2dShape(x, info([3, 3, 8, 2]), attrs())).toBeUndefined();
    expect(simdDepthwiseConv2dShape(info([2, 9, 9, 6]), info([3, 3, 6, 1]), attrs())).toBeUndefined();
    expect(simdDepthwiseConv2dShape(info([2, 9, 9, 8], 'int32'), w, attrs())).toBeUndefined();
    expect(simdDepthwiseConv2dShape(info([2, 2, 9, 8]), w, attrs())).toBeUndefined();
  });
});

describe('the wasm DepthwiseConv2dNative kernel with the SIMD path', () => {
  const cases = [
    {
      name: "7×7 'valid' over 32 channels (convnext-nano's)",
      x: [2, 20, 20, 32],
      w: [7, 7, 32, 1],
      pad: 'valid',
    },
    { name: "3×3 'valid', 5 output columns", x: [3, 7, 7, 8], w: [3, 3, 8, 1], pad: 'valid' },
    { name: "3×3 'same' (stock)", x: [2, 6, 6, 8], w: [3, 3, 8, 1], pad: 'same' },
    { name: '6 channels (stock)', x: [2, 6, 6, 6], w: [3, 3, 6, 1], pad: 'valid' },
  ] as const;

  it.each(cases.map((c) => [c.name, c] as const))('matches the cpu backend: %s', async (_name, c) => {
    const x = randomTensor(rng, [...c.x]);
    const w = randomTensor(rng, [...c.w]);
    const run = () =>
      tf.tidy(() => {
        const y = tf.depthwiseConv2d(
          tf.tensor4d(x.values, x.shape as [number, number, number, number]),
          tf.tensor4d(w.values, w.shape as [number, number, number, number]),
          1,
          c.pad,
        );
        return { shape: y.shape, values: Array.from(y.dataSync()) };
      });
    await expectSimdAndStockMatchCpu(run, c.name);
  });

  it('gives the cpu gradient through a padded 7×7 depthwise conv (the fast input gradient runs on it too)', async () => {
    const x = randomTensor(rng, [2, 8, 8, 8]);
    const w = randomTensor(rng, [7, 7, 8, 1], 0.2);
    const gradient = () =>
      tf.tidy(() => {
        const input = tf.tensor4d(x.values, x.shape as [number, number, number, number]);
        const filter = tf.tensor4d(w.values, w.shape as [number, number, number, number]);
        const dx = tf.grad((t: tf.Tensor) =>
          tf.sum(
            tf.square(
              tf.depthwiseConv2d(
                tf.pad(t as tf.Tensor4D, [
                  [0, 0],
                  [3, 3],
                  [3, 3],
                  [0, 0],
                ]),
                filter,
                1,
                'valid',
              ),
            ),
          ),
        )(input);
        return { shape: dx.shape, values: Array.from(dx.dataSync()) };
      });
    await activate('cpu');
    const cpu = gradient();
    await activate('wasm');
    expectRelativeClose(gradient(), cpu, 1e-4, 'dx');
  });
});
