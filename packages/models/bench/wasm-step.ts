// Issue-2 benchmark (not a test): ResNet-20 step speed on wasm at batch 64.
//   pnpm tsx --conditions=@zerosiam/source bench/wasm-step.ts [--model resnet20-bn] [--steps 5] [--batch 64]
// Runs every variant in a fresh child process (backend setup and gradient registration are per process):
//   tta-stock      wasmBackend.setup({ fastGradients: false }), plain autodiff in the model (tfjs' own
//                  conv/BN/matMul gradients), norm affine parameters only (Tent-style entropy step)
//   tta-rewrites   wasmBackend.setup() defaults + the model's closed-form conv dx / BN / GN / matMul gradients
//   full-rewrites  the same, every trainable parameter (full fine-tuning, closed-form conv dW)
// A step = forward (BN with batch statistics) + mean softmax entropy + variableGrads + Adam + data sync.
// It prints one JSON line per variant (median ms/step, images/s) and checks with tf.profile that no
// kernel outside the expected wasm set ran through a cpu fallback (kernel names are listed).
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';

const { values } = parseArgs({
  options: {
    variant: { type: 'string' },
    model: { type: 'string', default: 'resnet20-bn' },
    steps: { type: 'string', default: '5' },
    batch: { type: 'string', default: '64' },
  },
});
const variants = ['tta-stock', 'tta-rewrites', 'full-rewrites'] as const;

async function runVariant(variant: (typeof variants)[number]): Promise<void> {
  const { wasmBackend } = await import('@zerosiam/backend-wasm');
  const { createAdam } = await import('@zerosiam/core');
  const { createModel } = await import('../src/index');
  const stock = variant === 'tta-stock';
  const described = await wasmBackend.setup({ fastGradients: !stock, log: () => {} });
  const batch = Number(values.batch);
  const model = createModel(values.model as string, { inputShape: [32, 32, 3], numClasses: 10, seed: 0 });
  model.setClosedFormGradients(!stock);
  model.setNormMode('batch');
  const variables = variant === 'full-rewrites' ? model.trainableParameters() : model.normParameters('all');
  const optimizer = createAdam([{ variables, learningRate: 1e-3 }]);
  const images = tf.randomNormal([batch, 32, 32, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
  const step = () => {
    const { value, grads } = tf.variableGrads(() => {
      const logits = model.forward(images);
      const logProbabilities = tf.logSoftmax(logits);
      return tf.neg(tf.mean(tf.sum(tf.mul(tf.exp(logProbabilities), logProbabilities), 1))) as tf.Scalar;
    }, variables);
    optimizer.step(grads);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  step(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < Number(values.steps); i++) {
    const start = performance.now();
    step();
    times.push(performance.now() - start);
  }
  const profile = await tf.profile(() => step());
  const kernels = [...new Set(profile.kernels.map((k) => k.name))].sort();
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(
    JSON.stringify({
      variant,
      model: values.model,
      batch,
      backend: described,
      trainable: variables.reduce((n, v) => n + v.size, 0),
      medianMsPerStep: Math.round(median),
      imagesPerSecond: Number(((batch * 1000) / median).toFixed(1)),
      backpropKernels: kernels.filter((k) => /Backprop|Grad|Tile|UnsortedSegment/.test(k)),
    }),
  );
}

if (values.variant) {
  await runVariant(values.variant as (typeof variants)[number]);
} else {
  for (const variant of variants) {
    const args = ['--conditions=@zerosiam/source', import.meta.filename, '--variant', variant];
    for (const key of ['model', 'steps', 'batch'] as const) args.push(`--${key}`, String(values[key]));
    const output = execFileSync('pnpm', ['tsx', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const line = output.split('\n').find((l) => l.startsWith('{'));
    console.log(line ?? `${variant}: no result`);
  }
}
