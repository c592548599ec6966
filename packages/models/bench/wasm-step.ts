// Issue-2 benchmark (not a test): ResNet-20 step speed on wasm at batch 64.
//   pnpm bench:wasm-step [--model resnet20-bn] [--steps 5] [--batches 64,1] [--write]
// --write replaces the text between the `<!-- resnet20-step:start -->` / `<!-- resnet20-step:end -->` markers
// of packages/backend-wasm/README.md and packages/models/README.md with the results table.
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
    batches: { type: 'string', default: '64,1' },
    write: { type: 'boolean', default: false },
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
  const rows: Record<string, unknown>[] = [];
  for (const batch of String(values.batches).split(',')) {
    for (const variant of variants) {
      const args = [
        '--conditions=@zerosiam/source',
        import.meta.filename,
        '--variant',
        variant,
        '--batch',
        batch,
      ];
      for (const key of ['model', 'steps'] as const) args.push(`--${key}`, String(values[key]));
      const output = execFileSync('pnpm', ['tsx', ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const line = output.split('\n').find((l) => l.startsWith('{'));
      console.log(line ?? `${variant} batch ${batch}: no result`);
      if (line) rows.push(JSON.parse(line) as Record<string, unknown>);
    }
  }
  if (values.write) {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { cpus, loadavg } = await import('node:os');
    const command = `pnpm --filter @zerosiam/models bench:wasm-step --model ${values.model} --steps ${values.steps} --batches ${values.batches} --write`;
    const table = [
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the shared development VM (${cpus().length} vCPU, load average ${loadavg()[0]?.toFixed(1)} from other jobs, so absolute numbers are noisy), \`${values.model}\`, 32×32×3, median of ${values.steps} steps after one warm-up, one process per row. Command: \`${command}\`.`,
      '',
      '| variant | batch | trainable scalars | ms/step | images/s | backward kernels seen by tf.profile |',
      '|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.variant} | ${r.batch} | ${r.trainable} | ${r.medianMsPerStep} | ${r.imagesPerSecond} | ${(r.backpropKernels as string[]).join(', ') || 'none'} |`,
      ),
      '',
      '`tta-stock`: `setup({ fastGradients: false })` and plain autodiff in the model; `tta-rewrites`: default setup and the',
      "model's closed-form gradients (norm affine parameters only); `full-rewrites`: the same with every parameter trainable.",
    ].join('\n');
    for (const readme of ['../backend-wasm/README.md', 'README.md']) {
      const path = new URL(`../${readme}`, import.meta.url);
      const text = readFileSync(path, 'utf8');
      const replaced = text.replace(
        /<!-- resnet20-step:start -->[\s\S]*<!-- resnet20-step:end -->/,
        `<!-- resnet20-step:start -->\n${table}\n<!-- resnet20-step:end -->`,
      );
      writeFileSync(path, replaced);
    }
  }
}
