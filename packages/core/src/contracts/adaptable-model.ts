import type * as tf from '@tensorflow/tfjs-core';
import type { AdaptationOutput } from './adaptation-output';
import type { Normalization } from './normalization';

/** How BatchNorm layers normalise: with the statistics of the current batch, or the stored running ones. */
export type NormMode = 'batch' | 'running';

/**
 * Which normalisation layers a method adapts. `all` is Tent/EATA/ZeroSiam; `exclude-last-stage`
 * is SAR/DeYO's rule (leave out the last stage and the final norm, methods.md §4.0).
 */
export type NormSelection = 'all' | 'exclude-last-stage';

/** A named set of variables trained with its own learning-rate multiplier. */
export interface ParameterGroup {
  readonly name: string;
  readonly variables: readonly tf.Variable[];
  /** Multiplies the method's base learning rate for this group. */
  readonly learningRateScale?: number;
}

/** Saved values of a model's variables (and any extra state), for resets. */
export interface ModelSnapshot {
  readonly tensors: ReadonlyMap<string, tf.Tensor>;
  /** Opaque extra state (e.g. BN running statistics mode). */
  readonly extra?: Readonly<Record<string, unknown>>;
  dispose(): void;
}

/**
 * A classifier split as features → frozen linear head, with explicit variable lists.
 * Every method runs on this contract; every wrapper returns it.
 */
export interface AdaptableModel {
  readonly specificationVersion: 'v1';
  /** Zoo id or a user label, e.g. `resnet20-gn`. */
  readonly id: string;
  /** Input shape without batch: [height, width, channels]. */
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  /** Width of the pooled feature the classifier consumes. */
  readonly featureDim: number;
  /** Normalisation the model was trained with, if known (model card). */
  readonly normalization?: Normalization;

  /** images [batch, H, W, C] → pooled features [batch, featureDim]. */
  encode(images: tf.Tensor4D): tf.Tensor2D;
  /** features [batch, featureDim] → logits [batch, classes], through the frozen linear head. */
  classify(features: tf.Tensor2D): tf.Tensor2D;
  /** images → logits; `classify(encode(x))`. */
  forward(images: tf.Tensor4D): tf.Tensor2D;
  /** The forward pass a method differentiates: prediction and adaptation logits plus regulariser. */
  adaptationForward(images: tf.Tensor4D): AdaptationOutput;

  /** Affine parameters (γ, β) of the normalisation layers chosen by `selection`. */
  normParameters(selection?: NormSelection): tf.Variable[];
  /** Extra trainable groups a wrapper adds (the ZeroSiam predictor); empty for plain models. */
  auxiliaryParameterGroups(): readonly ParameterGroup[];
  /** Every variable by its stable (PyTorch-style) name, frozen ones included. */
  namedParameters(): ReadonlyMap<string, tf.Variable>;
  /**
   * Optional, PyTorch's `requires_grad_(False)` on everything else: from now on only `adapted` will be
   * differentiated, so layers may skip the weight gradients of the rest (the conv filter gradients
   * are 30–40 % of a TTA step). Differentiating a variable outside the list then fails loudly in
   * `tf.variableGrads`; `undefined` restores gradients for every variable. Methods call it when
   * they are created; training code calls it with `undefined`.
   */
  restrictGradients?(adapted: readonly tf.Variable[] | undefined): void;

  /** Current BatchNorm mode; models without BN report `batch` and ignore changes. */
  readonly normMode: NormMode;
  setNormMode(mode: NormMode): void;
  /** True when the model has BatchNorm layers (batch statistics matter). */
  readonly hasBatchNorm: boolean;

  snapshot(): ModelSnapshot;
  restore(snapshot: ModelSnapshot): void;
  dispose(): void;
}
