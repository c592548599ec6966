// Trains a zoo model on Fashion-MNIST with trainClassifier, exactly as the bench CLI's `train` command does,
// and writes weights/<id>.safetensors + <id>.json. Usage (from packages/models):
//   pnpm tsx --conditions=@zerosiam/source scripts/train.ts --model resnet20-gn --epochs 4 [--lr 2e-3]
//     [--batch-size 128] [--seed 0] [--crop-padding 2] [--flip] [--warmup-steps 100] [--limit N]
//     [--checkpoint-dir .checkpoints/<id>] [--resume] [--out weights]
import { parseArgs } from 'node:util';
import { wasmBackend } from '@zerosiam/backend-wasm';
import { createModel, evaluateClassifier } from '../src/index';
import { saveModel, trainClassifier } from '../src/node';
import { readFashionMnist } from './read-fashion-mnist';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'resnet20-gn' },
    epochs: { type: 'string', default: '4' },
    lr: { type: 'string' },
    optimizer: { type: 'string', default: 'adam' },
    'weight-decay': { type: 'string' },
    'batch-size': { type: 'string', default: '128' },
    seed: { type: 'string', default: '0' },
    'crop-padding': { type: 'string', default: '2' },
    flip: { type: 'boolean', default: false },
    'warmup-steps': { type: 'string', default: '0' },
    limit: { type: 'string' },
    data: { type: 'string', default: '/usr/share/datasets/fashion-mnist' },
    'checkpoint-dir': { type: 'string' },
    'checkpoint-every': { type: 'string' },
    resume: { type: 'boolean', default: false },
    out: { type: 'string', default: 'weights' },
  },
});

const described = await wasmBackend.setup();
console.log(`[train] backend: ${described}`);
let train = readFashionMnist(values.data!, 'train');
const test = readFashionMnist(values.data!, 't10k');
if (values.limit) {
  const n = Number(values.limit);
  train = {
    ...train,
    images: train.images.subarray(0, n * 784),
    labels: train.labels.subarray(0, n),
    shape: [n, 28, 28, 1],
  };
}
const seed = Number(values.seed);
const id = values.model!;
const model = createModel(id, {
  inputShape: [28, 28, 1],
  numClasses: 10,
  seed,
  normalization: train.normalization,
});
console.log(
  `[train] ${id}: ${model.parameterCount} trainable parameters, ${train.labels.length} training images`,
);
const options = {
  optimizer: values.optimizer as 'adam' | 'sgd',
  learningRate: values.lr ? Number(values.lr) : undefined,
  weightDecay: values['weight-decay'] ? Number(values['weight-decay']) : undefined,
  epochs: Number(values.epochs),
  batchSize: Number(values['batch-size']),
  warmupSteps: Number(values['warmup-steps']),
  seed,
  augmentation: {
    cropPadding: Number(values['crop-padding']),
    horizontalFlip: values.flip,
  },
  checkpointDirectory: values['checkpoint-dir'],
  checkpointEverySteps: values['checkpoint-every'] ? Number(values['checkpoint-every']) : undefined,
  resume: values.resume,
};
// SIGTERM/SIGINT stop the run cleanly: trainClassifier writes a checkpoint at the current step and the
// weights are still exported below, with the step reached recorded in the card.
const controller = new AbortController();
process.on('SIGTERM', () => controller.abort());
process.on('SIGINT', () => controller.abort());
let lastPrint = 0;
const result = await trainClassifier(
  model,
  { train, test },
  {
    ...options,
    signal: controller.signal,
    onProgress(event) {
      const now = Date.now();
      if (event.type === 'step' && now - lastPrint < 30_000) return;
      lastPrint = now;
      console.log(
        `[train] ${event.type} epoch ${event.epoch + 1}/${event.epochs} step ${event.step}/${event.totalSteps} ` +
          `loss ${event.loss.toFixed(4)} acc ${(event.accuracy * 100).toFixed(2)}% lr ${event.learningRate.toExponential(2)} ` +
          `${event.imagesPerSecond.toFixed(1)} img/s eta ${(event.etaSeconds / 60).toFixed(1)} min` +
          (event.testAccuracy !== undefined ? ` test ${(event.testAccuracy * 100).toFixed(2)}%` : ''),
      );
    },
  },
);
console.log(
  `[train] ${result.completed ? 'done' : 'stopped'}: test accuracy ${(result.testAccuracy * 100).toFixed(2)}% in ${(result.seconds / 60).toFixed(1)} min`,
);
if (!values.limit) {
  const totalSteps = Math.floor(train.labels.length / options.batchSize) * options.epochs;
  model.setNormMode('running');
  const testAccuracy = result.completed ? result.testAccuracy : evaluateClassifier(model, test);
  const argv = process.argv.slice(2).filter((a) => a !== '--resume');
  const command = `pnpm tsx --conditions=@zerosiam/source scripts/train.ts ${argv.join(' ')}`;
  await saveModel(model, `${values.out}/${id}.safetensors`, {
    architecture: id,
    inputShape: [28, 28, 1],
    numClasses: 10,
    normalization: train.normalization,
    classNames: train.classNames,
    trainingData: `fashion-mnist/train (${train.labels.length} images, /usr/share/datasets/fashion-mnist)`,
    command: `(cd packages/models && ${command})`,
    seed,
    cleanTestAccuracy: testAccuracy,
    date: new Date().toISOString().slice(0, 10),
    extra: {
      parameterCount: model.parameterCount,
      backend: described,
      options,
      epochs: result.epochs,
      trainSeconds: Math.round(result.seconds),
      stepsDone: result.steps,
      totalSteps,
      ...(result.completed
        ? {}
        : {
            note: `stopped at step ${result.steps} of ${totalSteps} (SIGTERM, project deadline); the cosine schedule had not reached 0`,
          }),
    },
  });
  console.log(`[train] wrote ${values.out}/${id}.safetensors`);
}
