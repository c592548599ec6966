// Micro-benchmark of the rewritten wasm gradients against the stock tfjs gradients (with the
// fallback kernels): one layer at a time, forward vs forward+backward (dx and dW).
// Run: pnpm --filter @zerosiam/backend-wasm bench [-- --batch 16 --repeats 5 --threads 1]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { registerWasmCompat } from '../src/register-wasm-compat';
import { wasmBackend } from '../src/wasm-backend';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: {
    batch: { type: 'string', default: '16' },
    repeats: { type: 'string', default: '5' },
    threads: { type: 'string', default: '1' },
  },
});
const batch = Number(values.batch);
const repeats = Number(values.repeats);

interface Layer {
  readonly name: string;
  readonly input: number[];
  readonly weight: number[];
  readonly apply: (x: tf.Tensor, w: tf.Tensor) => tf.Tensor;
}

const pad1: [[number, number], [number, number], [number, number], [number, number]] = [
  [0, 0],
  [1, 1],
  [1, 1],
  [0, 0],
];
const layers: Layer[] = [
  {
    name: 'conv 3x3 16→16 32x32 s1',
    input: [batch, 32, 32, 16],
    weight: [3, 3, 16, 16],
    apply: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, pad1),
  },
  {
    name: 'conv 3x3 16→32 32x32 s2',
    input: [batch, 32, 32, 16],
    weight: [3, 3, 16, 32],
    apply: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, pad1),
  },
  {
    name: 'conv 3x3 64→64 8x8 s1',
    input: [batch, 8, 8, 64],
    weight: [3, 3, 64, 64],
    apply: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, pad1),
  },
  {
    name: 'conv 1x1 32→64 16x16 s2',
    input: [batch, 16, 16, 32],
    weight: [1, 1, 32, 64],
    apply: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'valid'),
  },
  {
    name: 'depthwise 3x3 C32 16x16 s1',
    input: [batch, 16, 16, 32],
    weight: [3, 3, 32, 1],
    apply: (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'),
  },
  {
    name: 'dense [64·B, 256]·[256, 256]',
    input: [batch * 64, 256],
    weight: [256, 256],
    apply: (x, w) => tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
  },
];

/** Median wall time of `count` runs after one warm-up (operator creation, weight packing). */
async function timeIt(run: () => tf.Tensor[], count: number): Promise<number> {
  tf.dispose(run());
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const result = run();
    await Promise.all(result.map((t) => t.data()));
    times.push(performance.now() - start);
    tf.dispose(result);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const description = await wasmBackend.setup({ threads: Number(values.threads), log: () => {} });
console.log(
  `# wasm gradient micro-benchmark (${description}; batch ${batch}; median of ${repeats}; stock: 1 run)\n`,
);
console.log('| layer | forward ms | fwd+bwd ms, rewritten | fwd+bwd ms, stock + fallbacks | speed-up |');
console.log('|---|---|---|---|---|');
for (const layer of layers) {
  const x = tf.randomNormal(layer.input);
  const w = tf.mul(tf.randomNormal(layer.weight), 0.1);
  const gradients = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(layer.apply(a, b)));
  const forward = await timeIt(() => [layer.apply(x, w)], repeats);
  await registerWasmCompat({ fastGradients: true });
  const fast = await timeIt(() => gradients([x, w]), repeats);
  await registerWasmCompat({ fastGradients: false });
  const stock = await timeIt(() => gradients([x, w]), 1);
  await registerWasmCompat({ fastGradients: true });
  console.log(
    `| ${layer.name} | ${forward.toFixed(1)} | ${fast.toFixed(1)} | ${stock.toFixed(1)} | ${(stock / fast).toFixed(1)}× |`,
  );
  tf.dispose([x, w]);
}
