import * as tf from '@tensorflow/tfjs-core';
import { SeededRng } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { setFastGradientsEnabled } from '../src/fast-gradients/fast-gradient-registry';
import {
  activate,
  expectSameResults,
  type GradientCase,
  type PlainTensor,
  randomTensor,
  runCase,
  runOnCpuAndWasm,
} from './run-on-backends';

const rng = new SeededRng(20261123);
const random = (shape: number[], scale = 1) => randomTensor(rng, shape, scale);

type Padding = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

function conv2dCase(
  name: string,
  input: number[],
  filter: number[],
  stride: number,
  pad: Padding,
): GradientCase {
  return {
    name,
    inputs: { x: random(input), filter: random(filter, 0.3) },
    forward: ({ x, filter: w }) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, pad),
  };
}

function depthwiseCase(
  name: string,
  input: number[],
  filter: number[],
  stride: number,
  pad: Padding,
): GradientCase {
  return {
    name,
    inputs: { x: random(input), filter: random(filter, 0.3) },
    forward: ({ x, filter: w }) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, pad),
  };
}

const moments = (x: tf.Tensor, axes: number[]) => tf.moments(x, axes, true);

/** BatchNorm in training mode from batch moments. */
function batchNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  return tf.batchNorm(x, mean, variance, beta, gamma, 1e-5);
}

/** GroupNorm written from reshape + moments: x [N, H, W, C], groups G. */
function groupNorm(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, groups: number): tf.Tensor {
  const [n, h, w, c] = x.shape;
  const grouped = tf.reshape(x, [n, h, w, groups, c / groups]);
  const { mean, variance } = moments(grouped, [1, 2, 4]);
  const normalized = tf.reshape(tf.div(tf.sub(grouped, mean), tf.sqrt(tf.add(variance, 1e-5))), [n, h, w, c]);
  return tf.add(tf.mul(normalized, gamma), beta);
}

/** LayerNorm over the last axis from moments. */
function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = moments(x, [x.rank - 1]);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gamma), beta);
}

const gelu = (x: tf.Tensor) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));

const explicit = (top: number, bottom: number, left: number, right: number): Padding => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];

const cases: GradientCase[] = [
  conv2dCase('conv2d 3x3 stride 1 same', [2, 6, 6, 3], [3, 3, 3, 4], 1, 'same'),
  conv2dCase('conv2d 3x3 stride 2 same (even size)', [2, 8, 8, 3], [3, 3, 3, 5], 2, 'same'),
  conv2dCase('conv2d 3x3 stride 2 same (odd size)', [1, 7, 7, 2], [3, 3, 2, 3], 2, 'same'),
  conv2dCase('conv2d 3x3 stride 1 valid', [2, 6, 5, 3], [3, 3, 3, 4], 1, 'valid'),
  conv2dCase('conv2d 3x3 stride 2 valid (unused last row)', [1, 8, 8, 2], [3, 3, 2, 3], 2, 'valid'),
  conv2dCase('conv2d 5x5 stride 1 same', [1, 7, 7, 2], [5, 5, 2, 3], 1, 'same'),
  conv2dCase('conv2d 1x1 stride 1', [2, 5, 5, 4], [1, 1, 4, 6], 1, 'valid'),
  conv2dCase('conv2d 1x1 stride 2 (projection shortcut)', [2, 6, 6, 4], [1, 1, 4, 6], 2, 'same'),
  conv2dCase(
    'conv2d explicit padding 1 stride 1 (PyTorch padding=1)',
    [2, 6, 6, 3],
    [3, 3, 3, 4],
    1,
    explicit(1, 1, 1, 1),
  ),
  conv2dCase('conv2d explicit padding 1 stride 2', [2, 8, 8, 3], [3, 3, 3, 4], 2, explicit(1, 1, 1, 1)),
  conv2dCase(
    'conv2d explicit asymmetric padding stride 2',
    [1, 7, 6, 2],
    [3, 3, 2, 3],
    2,
    explicit(2, 0, 0, 1),
  ),
  conv2dCase(
    'conv2d 7x7 explicit padding 3 stride 2 (ResNet stem)',
    [1, 12, 12, 3],
    [7, 7, 3, 4],
    2,
    explicit(3, 3, 3, 3),
  ),
  conv2dCase('conv2d 2x2 stride 2 valid (patch embedding)', [2, 8, 8, 3], [2, 2, 3, 5], 2, 'valid'),
  depthwiseCase('depthwise 3x3 stride 1 same', [2, 6, 6, 4], [3, 3, 4, 1], 1, 'same'),
  depthwiseCase('depthwise 3x3 stride 2 same', [2, 7, 7, 3], [3, 3, 3, 1], 2, 'same'),
  depthwiseCase(
    'depthwise 3x3 stride 2 explicit, multiplier 2',
    [1, 8, 8, 3],
    [3, 3, 3, 2],
    2,
    explicit(1, 1, 1, 1),
  ),
  depthwiseCase('depthwise 5x5 stride 1 valid', [1, 7, 7, 2], [5, 5, 2, 1], 1, 'valid'),
  {
    name: 'maxPool 2x2 with windows whose max is ≤ 0',
    inputs: { x: random([2, 4, 4, 3]) },
    forward: ({ x }) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'),
  },
  {
    name: 'maxPool 3x3 stride 2 same, all negative input',
    inputs: {
      x: {
        shape: [1, 5, 5, 2],
        values: random([1, 5, 5, 2]).values.map((v) => -Math.abs(v) - 0.1),
      },
    },
    forward: ({ x }) => tf.maxPool(x as tf.Tensor4D, 3, 2, 'same'),
  },
  {
    name: 'avgPool 2x2 and global mean',
    inputs: { x: random([2, 4, 4, 3]) },
    forward: ({ x }) => tf.mean(tf.avgPool(x as tf.Tensor4D, 2, 2, 'valid'), [1, 2]),
  },
  {
    name: 'conv → BatchNorm (moments) → ReLU → maxPool',
    inputs: {
      x: random([2, 6, 6, 3]),
      filter: random([3, 3, 3, 4], 0.3),
      gamma: random([4]),
      beta: random([4]),
    },
    forward: ({ x, filter, gamma, beta }) =>
      tf.maxPool(
        tf.relu(
          batchNorm(
            tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, explicit(1, 1, 1, 1)),
            gamma as tf.Tensor,
            beta as tf.Tensor,
          ),
        ) as tf.Tensor4D,
        2,
        2,
        'valid',
      ),
  },
  {
    name: 'GroupNorm from reshape + moments',
    inputs: { x: random([2, 3, 3, 8]), gamma: random([8]), beta: random([8]) },
    forward: ({ x, gamma, beta }) => groupNorm(x as tf.Tensor4D, gamma as tf.Tensor, beta as tf.Tensor, 2),
  },
  {
    name: 'LayerNorm from moments',
    inputs: { x: random([2, 5, 16]), gamma: random([16]), beta: random([16]) },
    forward: ({ x, gamma, beta }) => layerNorm(x as tf.Tensor, gamma as tf.Tensor, beta as tf.Tensor),
  },
  {
    name: 'dense 2-D matMul + bias + ReLU',
    inputs: { x: random([6, 10]), w: random([10, 7], 0.3), b: random([7]) },
    forward: ({ x, w, b }) => tf.relu(tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b as tf.Tensor)),
  },
  {
    name: 'matMul with transpose flags (all four combinations)',
    inputs: {
      a: random([5, 4]),
      b: random([4, 6]),
      c: random([6, 4]),
      d: random([5, 6]),
      e: random([6, 5]),
    },
    forward: ({ a, b, c, d, e }) => {
      const [a2, b2, c2, d2, e2] = [a, b, c, d, e] as tf.Tensor2D[];
      return tf.concat([
        tf.reshape(tf.matMul(a2 as tf.Tensor2D, b2 as tf.Tensor2D), [-1]),
        tf.reshape(tf.matMul(a2 as tf.Tensor2D, c2 as tf.Tensor2D, false, true), [-1]),
        tf.reshape(tf.matMul(a2 as tf.Tensor2D, d2 as tf.Tensor2D, true, false), [-1]),
        tf.reshape(tf.matMul(a2 as tf.Tensor2D, e2 as tf.Tensor2D, true, true), [-1]),
      ]);
    },
  },
  {
    name: 'batched 3-D matMul',
    inputs: { a: random([3, 4, 5]), b: random([3, 5, 6]) },
    forward: ({ a, b }) => tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D),
  },
  {
    name: 'attention: batched 4-D matMul + softmax',
    inputs: {
      q: random([2, 2, 5, 4]),
      k: random([2, 2, 5, 4]),
      v: random([2, 2, 5, 4]),
    },
    forward: ({ q, k, v }) => {
      const scores = tf.mul(tf.matMul(q as tf.Tensor4D, k as tf.Tensor4D, false, true), 0.5);
      return tf.matMul(tf.softmax(scores), v as tf.Tensor4D);
    },
  },
  {
    name: 'softmax entropy and logSoftmax cross-entropy',
    inputs: { logits: random([6, 10], 2) },
    forward: ({ logits }) => {
      const probabilities = tf.softmax(logits as tf.Tensor);
      const entropy = tf.neg(tf.sum(tf.mul(probabilities, tf.logSoftmax(logits as tf.Tensor)), 1));
      const crossEntropy = tf.neg(
        tf.sum(
          tf.mul(tf.oneHot(tf.tensor1d([0, 3, 9, 1, 1, 4], 'int32'), 10), tf.logSoftmax(logits as tf.Tensor)),
          1,
        ),
      );
      return tf.stack([entropy, crossEntropy]);
    },
  },
  {
    name: 'gather rows with repeats (embedding lookup)',
    inputs: {
      table: random([7, 5]),
      indices: {
        shape: [2, 4],
        values: [0, 3, 3, 6, 1, 0, 6, 6],
        dtype: 'int32',
      },
    },
    forward: ({ table, indices }) => tf.gather(table as tf.Tensor, indices as tf.Tensor),
  },
  {
    name: 'gather along axis 1 (stock gradient through the UnsortedSegmentSum fallback)',
    inputs: {
      x: random([3, 6]),
      indices: { shape: [4], values: [5, 0, 5, 2], dtype: 'int32' },
    },
    forward: ({ x, indices }) => tf.gather(x as tf.Tensor, indices as tf.Tensor, 1),
  },
  {
    name: 'relu and GELU (erf form)',
    inputs: { x: random([4, 9]) },
    forward: ({ x }) => tf.add(tf.relu(x as tf.Tensor), gelu(x as tf.Tensor)),
  },
];

describe('gradient parity: wasm (with compat) against cpu', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    expectSameResults(await runOnCpuAndWasm(testCase));
  });

  it.each(cases.filter((c) => /conv|gather|matMul|maxPool/.test(c.name)).map((c) => [c.name, c] as const))(
    'stock gradients + fallback kernels agree too: %s',
    async (_name, testCase) => {
      const { cpu } = await runOnCpuAndWasm(testCase);
      setFastGradientsEnabled(false);
      try {
        await activate('wasm');
        expectSameResults({ cpu, wasm: runCase(testCase) });
      } finally {
        setFastGradientsEnabled(true);
      }
    },
  );

  it('gives the right gradient for a batched input against a 2-D weight (the stock one throws)', async () => {
    // tfjs's stock BatchMatMul gradient returns b's gradient unreduced ([B, D, E] for a [D, E]
    // weight) and the tape rejects it on every backend; the wasm fast path flattens to 2-D.
    const x = random([3, 5, 8]);
    const w = random([8, 6], 0.3);
    const reference = await runOnCpuAndWasm({
      name: 'token-wise dense written as a 2-D matMul',
      inputs: { x, w },
      forward: ({ x: input, w: weight }) =>
        tf.reshape(
          gelu(tf.matMul(tf.reshape(input as tf.Tensor, [15, 8]) as tf.Tensor2D, weight as tf.Tensor2D)),
          [3, 5, 6],
        ),
    });
    await activate('wasm');
    const batched = runCase({
      name: 'token-wise dense as a batched matMul',
      inputs: { x, w },
      forward: ({ x: input, w: weight }) => gelu(tf.matMul(input as tf.Tensor3D, weight as tf.Tensor3D)),
    });
    expectSameResults({ cpu: reference.cpu, wasm: batched });
  });

  it('the fast conv gradient uses no backprop kernel on wasm', async () => {
    await activate('wasm');
    const x = tf.tensor(random([2, 8, 8, 3]).values, [2, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.tensor(random([3, 3, 3, 4]).values, [3, 3, 3, 4]) as tf.Tensor4D;
    const profile = await tf.profile(() => {
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, explicit(1, 1, 1, 1))),
      )([x, w]);
      return grads;
    });
    const kernels = profile.kernelNames;
    expect(kernels).not.toContain('Conv2DBackpropInput');
    expect(kernels).not.toContain('Conv2DBackpropFilter');
    tf.dispose([x, w, ...(profile.result as tf.Tensor[])]);
  });

  it('leaks no tensors through the fast gradients', async () => {
    await activate('wasm');
    const x = tf.tensor(random([1, 6, 6, 2]).values, [1, 6, 6, 2]) as tf.Tensor4D;
    const w = tf.tensor(random([3, 3, 2, 1]).values, [3, 3, 2, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')),
    )([x, w]);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([x, w, ...grads]);
  });
});

export type { PlainTensor };
