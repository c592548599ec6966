// Turns a trainClassifier checkpoint into shipped weights + card, for a run stopped before its last step
// (the card records the step reached). Usage (from packages/models):
//   pnpm tsx --conditions=@zerosiam/source scripts/export-checkpoint.ts --model resnet20-gn \
//     --checkpoint-dir .checkpoints/resnet20-gn --command "<the training command>" [--out weights]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { wasmBackend } from '@zerosiam/backend-wasm';
import { createModel, decodeSafetensors, evaluateClassifier } from '../src/index';
import { saveModel } from '../src/node';
import { loadFashionMnist } from '@zerosiam/streams/node';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'resnet20-gn' },
    'checkpoint-dir': { type: 'string' },
    command: { type: 'string', default: '' },
    seed: { type: 'string', default: '0' },
    // Default: the test split the streams package ships (Debian's dataset-fashion-mnist holds the same file).
    data: { type: 'string' },
    out: { type: 'string', default: 'weights' },
  },
});
const described = await wasmBackend.setup();
const directory = values['checkpoint-dir'] as string;
const state = JSON.parse(readFileSync(join(directory, 'checkpoint.json'), 'utf8')) as {
  step: number;
  fingerprint: string;
  elapsedSeconds: number;
};
const contents = decodeSafetensors(new Uint8Array(readFileSync(join(directory, 'checkpoint.safetensors'))));
const test = await loadFashionMnist({ split: 'test', ...(values.data ? { dataDir: values.data } : {}) });
const id = values.model as string;
const model = createModel(id, { inputShape: [28, 28, 1], numClasses: 10, normalization: test.normalization });
for (const [name, variable] of model.namedParameters()) {
  const entry = contents.tensors.get(`model.${name}`);
  if (!entry) throw new Error(`checkpoint has no model.${name}`);
  tf.tidy(() => variable.assign(tf.tensor(entry.data, [...entry.shape], 'float32')));
}
model.setNormMode('running');
const accuracy = await evaluateClassifier(model, test);
const options = JSON.parse(state.fingerprint) as Record<string, unknown>;
const totalSteps = Math.floor(60000 / Number(options.batchSize)) * Number(options.epochs);
console.log(`[export] ${id} step ${state.step}/${totalSteps}: test accuracy ${(accuracy * 100).toFixed(2)}%`);
await saveModel(model, `${values.out}/${id}.safetensors`, {
  architecture: id,
  inputShape: [28, 28, 1],
  numClasses: 10,
  normalization: test.normalization,
  ...(test.classNames ? { classNames: test.classNames } : {}),
  trainingData: 'fashion-mnist/train (60000 images)',
  command: values.command as string,
  seed: Number(values.seed),
  cleanTestAccuracy: accuracy,
  date: new Date().toISOString().slice(0, 10),
  extra: {
    parameterCount: model.parameterCount,
    backend: described,
    options,
    stoppedAtStep: state.step,
    totalSteps,
    note: `training stopped at step ${state.step} of ${totalSteps} (project deadline); exported from the checkpoint with scripts/export-checkpoint.ts`,
    trainSeconds: Math.round(state.elapsedSeconds),
  },
});
console.log(`[export] wrote ${values.out}/${id}.safetensors`);
