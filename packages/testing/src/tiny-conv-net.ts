import * as tf from '@tensorflow/tfjs-core';
import { SeededRng, restoreVariables, snapshotVariables } from '@zerosiam/core';
import type {
  AdaptableModel,
  AdaptationOutput,
  ModelSnapshot,
  NormMode,
  NormSelection,
  ParameterGroup,
} from '@zerosiam/core';

export interface TinyConvNetOptions {
  /** `bn` (BatchNorm, batch statistics by default) or `gn` (GroupNorm with 2 groups). */
  readonly norm?: 'bn' | 'gn';
  /** [H, W, C]; default [8, 8, 3]. */
  readonly inputShape?: readonly [number, number, number];
  readonly numClasses?: number;
  readonly seed?: number;
}

let instances = 0;

/**
 * A seeded 2-layer convnet for tests and parity fixtures:
 * conv3×3(C→4, pad 1) → norm1 → ReLU → conv3×3(4→8, stride 2, pad 1) → norm2 → ReLU → GAP → fc(8→K).
 * Parameter names and layouts follow PyTorch's module names; conv kernels are stored the tfjs way
 * ([kh, kw, in, out]) and fc as [in, out].
 */
export function createTinyConvNet(options: TinyConvNetOptions = {}): AdaptableModel & {
  /** Overwrites parameters from PyTorch-layout arrays (conv [out,in,kh,kw], fc [out,in]). */
  loadTorchState(state: Record<string, { shape: number[]; data: number[] }>): void;
} {
  const norm = options.norm ?? 'bn';
  const inputShape = options.inputShape ?? ([8, 8, 3] as const);
  const numClasses = options.numClasses ?? 5;
  const rng = new SeededRng(options.seed ?? 0);
  const prefix = `tiny${instances++}`;
  const params = new Map<string, tf.Variable>();
  const init = (name: string, shape: number[], fill: (i: number) => number, trainable = true) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = fill(i);
    const initial = tf.tensor(data, shape);
    params.set(name, tf.variable(initial, trainable, `${prefix}/${name}`));
    initial.dispose();
  };
  const c0 = inputShape[2];
  init('conv1.weight', [3, 3, c0, 4], () => rng.normal(0, 0.4));
  init('conv1.bias', [4], () => rng.normal(0, 0.1));
  init('norm1.weight', [4], () => 1 + rng.normal(0, 0.1));
  init('norm1.bias', [4], () => rng.normal(0, 0.1));
  init('conv2.weight', [3, 3, 4, 8], () => rng.normal(0, 0.3));
  init('conv2.bias', [8], () => rng.normal(0, 0.1));
  init('norm2.weight', [8], () => 1 + rng.normal(0, 0.1));
  init('norm2.bias', [8], () => rng.normal(0, 0.1));
  init('fc.weight', [8, numClasses], () => rng.normal(0, 0.5));
  init('fc.bias', [numClasses], () => rng.normal(0, 0.1));
  if (norm === 'bn') {
    init('norm1.running_mean', [4], () => rng.normal(0, 0.1), false);
    init('norm1.running_var', [4], () => 1 + Math.abs(rng.normal(0, 0.1)), false);
    init('norm2.running_mean', [8], () => rng.normal(0, 0.1), false);
    init('norm2.running_var', [8], () => 1 + Math.abs(rng.normal(0, 0.1)), false);
  }
  const p = (name: string) => params.get(name)!;
  let normMode: NormMode = 'batch';

  const normalize = (x: tf.Tensor4D, name: string): tf.Tensor4D => {
    const eps = 1e-5;
    const gamma = p(`${name}.weight`);
    const beta = p(`${name}.bias`);
    if (norm === 'bn') {
      if (normMode === 'running') {
        return tf.batchNorm(
          x,
          p(`${name}.running_mean`),
          p(`${name}.running_var`),
          beta,
          gamma,
          eps,
        ) as tf.Tensor4D;
      }
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      return tf.batchNorm(x, mean, variance, beta, gamma, eps) as tf.Tensor4D;
    }
    const [b, h, w, c] = x.shape;
    const groups = 2;
    const grouped = tf.reshape(x, [b, h, w, groups, c / groups]);
    const { mean, variance } = tf.moments(grouped, [1, 2, 4], true);
    const normed = tf.reshape(tf.div(tf.sub(grouped, mean), tf.sqrt(tf.add(variance, eps))), [b, h, w, c]);
    return tf.add(tf.mul(normed, gamma), beta) as tf.Tensor4D;
  };

  const encode = (images: tf.Tensor4D): tf.Tensor2D =>
    tf.tidy(() => {
      let x = tf.conv2d(images, p('conv1.weight') as tf.Tensor4D, 1, [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ]);
      x = tf.relu(normalize(tf.add(x, p('conv1.bias')), 'norm1'));
      x = tf.conv2d(x, p('conv2.weight') as tf.Tensor4D, 2, [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ]);
      x = tf.relu(normalize(tf.add(x, p('conv2.bias')), 'norm2'));
      return tf.mean(x, [1, 2]) as tf.Tensor2D;
    });
  const classify = (features: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => tf.add(tf.matMul(features, p('fc.weight') as tf.Tensor2D), p('fc.bias')) as tf.Tensor2D);

  const model = {
    specificationVersion: 'v1' as const,
    id: `tiny-${norm}`,
    inputShape: [...inputShape] as [number, number, number],
    numClasses,
    featureDim: 8,
    hasBatchNorm: norm === 'bn',
    get normMode() {
      return normMode;
    },
    setNormMode(mode: NormMode) {
      normMode = mode;
    },
    encode,
    classify,
    forward: (images: tf.Tensor4D) => tf.tidy(() => classify(encode(images))),
    adaptationForward(images: tf.Tensor4D): AdaptationOutput {
      const features = encode(images);
      const logits = classify(features);
      return { predictionLogits: logits, adaptationLogits: logits, features };
    },
    normParameters(selection: NormSelection = 'all') {
      const names = selection === 'all' ? ['norm1', 'norm2'] : ['norm1'];
      return names.flatMap((n) => [p(`${n}.weight`), p(`${n}.bias`)]);
    },
    auxiliaryParameterGroups: (): readonly ParameterGroup[] => [],
    namedParameters: () => params,
    snapshot(): ModelSnapshot {
      const saved = snapshotVariables(params);
      return { tensors: saved.tensors, extra: { normMode }, dispose: saved.dispose };
    },
    restore(snapshot: ModelSnapshot) {
      restoreVariables(params, snapshot);
      if (snapshot.extra?.normMode) normMode = snapshot.extra.normMode as NormMode;
    },
    dispose() {
      for (const v of params.values()) v.dispose();
      params.clear();
    },
    loadTorchState(state: Record<string, { shape: number[]; data: number[] }>) {
      for (const [name, entry] of Object.entries(state)) {
        const variable = params.get(name);
        if (!variable) throw new Error(`tiny model has no parameter ${name}`);
        tf.tidy(() => {
          let t: tf.Tensor = tf.tensor(entry.data, entry.shape);
          if (entry.shape.length === 4) t = tf.transpose(t, [2, 3, 1, 0]);
          else if (entry.shape.length === 2) t = tf.transpose(t);
          variable.assign(t);
        });
      }
    },
  };
  return model;
}
