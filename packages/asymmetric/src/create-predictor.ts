import * as tf from '@tensorflow/tfjs-core';
import { describeValue, InvalidArgumentError, SeededRng } from '@zerosiam/core';

/**
 * Which predictor h sits between the pooled feature and the frozen head (methods.md §1.2, §6 Table 8).
 * - `linear`: d×d, no bias, identity-initialised, learnable (the paper's default).
 * - `identity`: P = I, frozen (the ablation; reduces to Tent on the norm parameters).
 * - `random`: d×d, no bias, PyTorch's default Linear init U(±1/√d), seeded, frozen.
 * - `mlp`: Linear(d→d, bias) → ReLU → Linear(d→d, bias), PyTorch default init, seeded, learnable.
 */
export type PredictorKind = 'linear' | 'identity' | 'random' | 'mlp';

export const predictorKinds: readonly PredictorKind[] = Object.freeze([
  'linear',
  'identity',
  'random',
  'mlp',
]);

/** A built predictor: its variables by PyTorch-style name, and the map h(z). */
export interface Predictor {
  readonly kind: PredictorKind;
  /** Variables by name (`predictor.0.weight`, ...); weights stored the tfjs way, [in, out]. */
  readonly variables: ReadonlyMap<string, tf.Variable>;
  /** Learnable variables (empty for the fixed variants). */
  readonly trainable: readonly tf.Variable[];
  /** features [batch, d] → features [batch, d]. */
  apply(features: tf.Tensor2D): tf.Tensor2D;
  /** The d×d matrix P for the linear kinds ([in, out] = Pᵀ in PyTorch terms); undefined for `mlp`. */
  readonly matrix: tf.Variable | undefined;
}

let instances = 0;

/** Builds a predictor of width `dimension`, seeded by `seed` for the random kinds. */
export function createPredictor(kind: PredictorKind, dimension: number, seed: number): Predictor {
  if (!predictorKinds.includes(kind)) {
    throw new InvalidArgumentError({
      functionName: 'withZeroSiam',
      argument: 'options.predictor',
      expected: `one of ${predictorKinds.join(', ')}`,
      received: describeValue(kind),
    });
  }
  const prefix = `zerosiam-predictor${instances++}`;
  const rng = new SeededRng(seed);
  const variables = new Map<string, tf.Variable>();
  // PyTorch's nn.Linear default (kaiming_uniform with a=√5) reduces to U(±1/√fan_in) for weight and bias.
  const uniform = (shape: number[], fanIn: number) => {
    const bound = 1 / Math.sqrt(fanIn);
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = rng.uniform(-bound, bound);
    return tf.tensor(data, shape);
  };
  const add = (name: string, value: tf.Tensor, trainable: boolean) => {
    const variable = tf.variable(value, trainable, `${prefix}/${name}`);
    value.dispose();
    variables.set(name, variable);
    return variable;
  };

  if (kind === 'mlp') {
    // Hidden width d (the paper leaves it unspecified, methods.md §6): keeps the parameter count of
    // two linear predictors and needs no extra option.
    const w0 = add('predictor.0.weight', uniform([dimension, dimension], dimension), true);
    const b0 = add('predictor.0.bias', uniform([dimension], dimension), true);
    const w2 = add('predictor.2.weight', uniform([dimension, dimension], dimension), true);
    const b2 = add('predictor.2.bias', uniform([dimension], dimension), true);
    return {
      kind,
      variables,
      trainable: [w0, b0, w2, b2],
      matrix: undefined,
      apply: (features) =>
        tf.tidy(() => {
          const hidden = tf.relu(tf.add(tf.matMul(features, w0 as tf.Tensor2D), b0));
          return tf.add(tf.matMul(hidden, w2 as tf.Tensor2D), b2) as tf.Tensor2D;
        }),
    };
  }
  const initial = kind === 'random' ? uniform([dimension, dimension], dimension) : tf.eye(dimension);
  const matrix = add('predictor.0.weight', initial, kind === 'linear');
  return {
    kind,
    variables,
    trainable: kind === 'linear' ? [matrix] : [],
    matrix,
    apply: (features) => tf.matMul(features, matrix as tf.Tensor2D),
  };
}
