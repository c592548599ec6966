import * as tf from '@tensorflow/tfjs-core';
import type {
  AdaptableModel,
  AdaptationOutput,
  Divergence,
  ModelSnapshot,
  NormMode,
  NormSelection,
  ParameterGroup,
} from '@zerosiam/core';
import { describeValue, InvalidArgumentError, stopGradient } from '@zerosiam/core';
import { getDivergence } from '@zerosiam/losses';
import type { Predictor, PredictorKind } from './create-predictor';
import { createPredictor } from './create-predictor';

export interface ZeroSiamOptions {
  /** Predictor h between the pooled feature and the frozen head; paper: `linear` (P = I, no bias, learnable, §1.2). */
  readonly predictor?: PredictorKind;
  /** Alignment divergence D(target, online), a name or a Divergence; paper: `symmetric-kl` (Eq. 4, §1.3). */
  readonly divergence?: string | Divergence;
  /** Weight α of the alignment term; paper: 1 (`alignment_weight`, Eq. 4). */
  readonly alpha?: number;
  /** Detach the target branch p_r; paper: true (removing it is the collapse ablation, §6). */
  readonly stopGradient?: boolean;
  /** Learning-rate multiplier of the predictor group over the base lr; paper: lr_p = 100 (ResNet50-GN, §1.5). */
  readonly predictorLearningRateScale?: number;
  /** Seed of the `random` and `mlp` predictor initialisations. */
  readonly seed?: number;
}

/** Internal state a wrapped model carries, read by `predictorDeviation`. */
export interface ZeroSiamState {
  readonly inner: AdaptableModel;
  readonly predictor: Predictor;
  readonly options: Required<Omit<ZeroSiamOptions, 'divergence'>> & {
    readonly divergence: Divergence;
  };
}

const states = new WeakMap<AdaptableModel, ZeroSiamState>();

/** The wrapper state of a model returned by `withZeroSiam`, or undefined for any other model. */
export function zeroSiamStateOf(model: AdaptableModel): ZeroSiamState | undefined {
  return states.get(model);
}

const snapshotPrefix = 'zerosiam:';

/**
 * Wraps a model with the ZeroSiam asymmetry (methods.md §1): the target branch g(z) is the
 * model's own prediction, detached; the online branch is g(h(z)) with a predictor h; the
 * regulariser is α·D(sg g(z), g(h(z))) per sample. The pooled feature z is *not* detached, so
 * gradients reach the backbone through the online branch. Returns an AdaptableModel, so any
 * method runs on the result unchanged; everything else is delegated to `model`.
 */
export function withZeroSiam(model: AdaptableModel, options: ZeroSiamOptions = {}): AdaptableModel {
  if (typeof model !== 'object' || model === null || typeof model.encode !== 'function') {
    throw new InvalidArgumentError({
      functionName: 'withZeroSiam',
      argument: 'model',
      expected: 'an AdaptableModel (encode, classify, normParameters, ...)',
      received: describeValue(model),
    });
  }
  const alpha = options.alpha ?? 1;
  if (!Number.isFinite(alpha) || alpha < 0) {
    throw new InvalidArgumentError({
      functionName: 'withZeroSiam',
      argument: 'options.alpha',
      expected: 'a finite number >= 0',
      received: describeValue(options.alpha),
    });
  }
  const predictorLearningRateScale = options.predictorLearningRateScale ?? 100;
  if (!Number.isFinite(predictorLearningRateScale) || predictorLearningRateScale < 0) {
    throw new InvalidArgumentError({
      functionName: 'withZeroSiam',
      argument: 'options.predictorLearningRateScale',
      expected: 'a finite number >= 0',
      received: describeValue(options.predictorLearningRateScale),
    });
  }
  const divergence = getDivergence(options.divergence ?? 'symmetric-kl');
  const detachTarget = options.stopGradient ?? true;
  const seed = options.seed ?? 0;
  const predictor = createPredictor(options.predictor ?? 'linear', model.featureDim, seed);

  const adaptationForward = (images: tf.Tensor4D): AdaptationOutput =>
    tf.tidy(() => {
      const features = model.encode(images); // [batch, d], not detached
      const target = model.classify(features); // [batch, classes]
      const predictionLogits = detachTarget ? stopGradient(target) : target;
      const adaptationLogits = model.classify(predictor.apply(features)); // [batch, classes]
      const divergenceValue = divergence(predictionLogits, adaptationLogits, {
        reduction: 'none',
      }) as tf.Tensor1D;
      const regulariser = (alpha === 1 ? divergenceValue : tf.mul(divergenceValue, alpha)) as tf.Tensor1D;
      return { predictionLogits, adaptationLogits, regulariser, features };
    });

  const groups: ParameterGroup[] =
    predictor.trainable.length > 0
      ? [
          {
            name: 'predictor',
            variables: predictor.trainable,
            learningRateScale: predictorLearningRateScale,
          },
        ]
      : [];

  const wrapped: AdaptableModel = {
    specificationVersion: 'v1',
    id: `${model.id}+zerosiam`,
    inputShape: model.inputShape,
    numClasses: model.numClasses,
    featureDim: model.featureDim,
    normalization: model.normalization,
    get normMode(): NormMode {
      return model.normMode;
    },
    setNormMode: (mode: NormMode) => model.setNormMode(mode),
    get hasBatchNorm() {
      return model.hasBatchNorm;
    },
    encode: (images) => model.encode(images),
    classify: (features) => model.classify(features),
    forward: (images) => model.forward(images),
    adaptationForward,
    normParameters: (selection?: NormSelection) => model.normParameters(selection),
    auxiliaryParameterGroups: () => [...model.auxiliaryParameterGroups(), ...groups],
    namedParameters: () => new Map([...model.namedParameters(), ...predictor.variables]),
    // The predictor is differentiated by its own ops; only the wrapped model's layers can skip work.
    restrictGradients: (adapted) => model.restrictGradients?.(adapted),
    snapshot(): ModelSnapshot {
      const inner = model.snapshot();
      const own = new Map<string, tf.Tensor>();
      for (const [name, variable] of predictor.variables) own.set(name, tf.keep(tf.clone(variable)));
      const tensors = new Map<string, tf.Tensor>(inner.tensors);
      for (const [name, value] of own) tensors.set(`${snapshotPrefix}${name}`, value);
      return {
        tensors,
        extra: { ...inner.extra, [snapshotPrefix]: inner },
        dispose: () => {
          inner.dispose();
          for (const value of own.values()) value.dispose();
          own.clear();
        },
      };
    },
    restore(snapshot: ModelSnapshot) {
      const inner = snapshot.extra?.[snapshotPrefix] as ModelSnapshot | undefined;
      if (inner === undefined) {
        throw new InvalidArgumentError({
          functionName: 'withZeroSiam().restore',
          argument: 'snapshot',
          expected: 'a snapshot taken from this wrapped model',
          received: 'a snapshot without the predictor',
          fix: 'call snapshot() on the wrapped model, not on the model it wraps.',
        });
      }
      model.restore(inner);
      for (const [name, variable] of predictor.variables) {
        const value = snapshot.tensors.get(`${snapshotPrefix}${name}`);
        if (value !== undefined) variable.assign(value);
      }
    },
    // Disposes the predictor only: the wrapped model stays owned by whoever created it.
    dispose() {
      for (const variable of predictor.variables.values()) variable.dispose();
    },
  };
  states.set(wrapped, {
    inner: model,
    predictor,
    options: {
      predictor: predictor.kind,
      divergence,
      alpha,
      stopGradient: detachTarget,
      predictorLearningRateScale,
      seed,
    },
  });
  return wrapped;
}
