import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { activate } from '../test/run-on-backends';
import { registerWasmCompat } from './register-wasm-compat';

describe('registerWasmCompat', () => {
  it('fixes MaxPoolGrad for windows whose maximum is ≤ 0', async () => {
    await activate('wasm');
    const dx = tf.tidy(() => {
      const x = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
      return tf.grad((input: tf.Tensor) => tf.sum(tf.maxPool(input as tf.Tensor4D, 2, 2, 'valid')))(x);
    });
    expect(Array.from(await dx.data())).toEqual([0, 1, 0, 0]);
    dx.dispose();
  });

  it('registers the missing kernels as cpu fallbacks that match the cpu backend', async () => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(
          Array.from({ length: 2 * 5 * 5 * 3 }, (_, i) => Math.sin(i)),
          [2, 5, 5, 3],
        );
        const dy = tf.tensor4d(
          Array.from({ length: 2 * 3 * 3 * 4 }, (_, i) => Math.cos(i)),
          [2, 3, 3, 4],
        );
        const dyDepthwise = tf.tensor4d(
          Array.from({ length: 2 * 3 * 3 * 6 }, (_, i) => Math.cos(i * 0.7)),
          [2, 3, 3, 6],
        );
        const filter = tf.tensor4d(
          Array.from({ length: 3 * 3 * 3 * 2 }, (_, i) => Math.sin(i * 1.3)),
          [3, 3, 3, 2],
        );
        const segments = tf.unsortedSegmentSum(
          tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]),
          tf.tensor1d([2, 0, 2], 'int32'),
          3,
        );
        const engine = tf.engine();
        const backpropFilter = engine.runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          {
            strides: 2,
            pad: 'same',
            dataFormat: 'NHWC',
            filterShape: [3, 3, 3, 4],
          },
        ) as tf.Tensor;
        const depthwiseInput = engine.runKernel(
          'DepthwiseConv2dNativeBackpropInput',
          { dy: dyDepthwise, filter },
          {
            strides: 2,
            pad: 'same',
            dilations: 1,
            inputShape: [2, 5, 5, 3],
          },
        ) as tf.Tensor;
        const depthwiseFilter = engine.runKernel(
          'DepthwiseConv2dNativeBackpropFilter',
          { x, dy: dyDepthwise },
          {
            strides: 2,
            pad: 'same',
            dilations: 1,
            filterShape: [3, 3, 3, 2],
          },
        ) as tf.Tensor;
        return [segments, backpropFilter, depthwiseInput, depthwiseFilter].map((t) =>
          Array.from(t.dataSync()),
        );
      });
    await activate('cpu');
    const expected = run();
    await activate('wasm');
    const actual = run();
    expect(expected[0]).toEqual([3, 4, 0, 0, 6, 8]);
    expect(actual[0]).toEqual([3, 4, 0, 0, 6, 8]);
    for (let k = 1; k < expected.length; k++) {
      const reference = expected[k] as number[];
      const scale = Math.max(...reference.map(Math.abs));
      for (const [i, value] of (actual[k] as number[]).entries()) {
        expect(Math.abs(value - (reference[i] as number))).toBeLessThanOrEqual(1e-5 * scale);
      }
    }
  });

  it('is idempotent and keeps the kernels registered once', async () => {
    await activate('wasm');
    const before = tf.getKernel('MaxPoolGrad', 'wasm');
    await registerWasmCompat();
    await registerWasmCompat({ fastGradients: true });
    expect(tf.getKernel('MaxPoolGrad', 'wasm')).toBe(before);
    expect(tf.getGradient('Conv2D')).toBe(tf.getGradient('Conv2D'));
  });

  it('rejects a non-boolean fastGradients', async () => {
    await expect(registerWasmCompat({ fastGradients: 'yes' as unknown as boolean })).rejects.toThrow(
      /fastGradients/,
    );
  });
});
