import * as tf from '@tensorflow/tfjs-core';
import type {
  AdaptableModel,
  AdaptationOutput,
  ModelSnapshot,
  Normalization,
  NormMode,
  NormSelection,
  ParameterGroup,
} from '@zerosiam/core';
import {
  assertTensor,
  describeValue,
  InvalidArgumentError,
  restoreVariables,
  ShapeMismatchError,
  snapshotVariables,
} from '@zerosiam/core';
import type { Dense } from '../layers/dense';
import type { ParameterLayout, ParameterStore } from '../layers/parameter-store';

/** An AdaptableModel built from this package's layers, with the extra hooks training needs. */
export interface ZooModel extends AdaptableModel {
  /** PyTorch train mode: BatchNorm in `batch` mode updates its running statistics. */
  readonly training: boolean;
  setTraining(training: boolean): void;
  /** Every trainable variable (weights, biases, norm affine, embeddings), buffers excluded. */
  trainableParameters(): tf.Variable[];
  /** Use the closed-form gradients (default) or plain autodiff (for comparisons and benchmarks). */
  setClosedFormGradients(enabled: boolean): void;
  /** Always present on zoo models: conv, depthwise and dense layers skip the weight gradients of variables left out. */
  restrictGradients(adapted: readonly tf.Variable[] | undefined): void;
  /** How each named parameter is laid out in PyTorch files (the weights loader converts). */
  parameterLayout(name: string): ParameterLayout;
  /** Number of trainable scalars. */
  readonly parameterCount: number;
}

export interface ZooModelDefinition {
  readonly id: string;
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly featureDim: number;
  readonly store: ParameterStore;
  readonly head: Dense;
  readonly hasBatchNorm: boolean;
  readonly normalization?: Normalization;
  /** images [B, H, W, C] → pooled features [B, featureDim]. */
  readonly features: (images: tf.Tensor4D) => tf.Tensor2D;
  /** True for norm modules that SAR/DeYO's rule leaves out (the last stage and the final norm). */
  readonly inLastStage: (moduleName: string) => boolean;
}

/** Wraps a layer graph as an AdaptableModel (shared by every zoo architecture). */
export function createZooModel(definition: ZooModelDefinition): ZooModel {
  const { store, head, id } = definition;
  const inputShape = [...definition.inputShape] as [number, number, number];
  const checkImages = (images: tf.Tensor4D, functionName: string) => {
    assertTensor(images, { functionName, argument: 'images' }, { rank: 4 });
    const [, h, w, c] = images.shape;
    if (h !== inputShape[0] || w !== inputShape[1] || c !== inputShape[2]) {
      throw new ShapeMismatchError({
        functionName,
        argument: 'images',
        expectedShape: [null, ...inputShape],
        receivedShape: images.shape,
        fix: `resize the input to ${inputShape.join('×')} (the model's inputShape) or create the model with inputShape [${h}, ${w}, ${c}].`,
      });
    }
  };
  const encode = (images: tf.Tensor4D): tf.Tensor2D => {
    checkImages(images, `${id}.encode`);
    return tf.tidy(() => definition.features(images));
  };
  const classify = (features: tf.Tensor2D): tf.Tensor2D => {
    assertTensor(features, { functionName: `${id}.classify`, argument: 'features' }, { rank: 2 });
    if (features.shape[1] !== definition.featureDim) {
      throw new ShapeMismatchError({
        functionName: `${id}.classify`,
        argument: 'features',
        expectedShape: [null, definition.featureDim],
        receivedShape: features.shape,
      });
    }
    return tf.tidy(() => head.apply(features));
  };
  const trainable = () => [...store.named.values()].filter((v) => v.trainable);
  const parameterCount = trainable().reduce((total, v) => total + v.size, 0);

  return {
    specificationVersion: 'v1',
    id,
    inputShape,
    numClasses: definition.numClasses,
    featureDim: definition.featureDim,
    normalization: definition.normalization,
    hasBatchNorm: definition.hasBatchNorm,
    parameterCount,
    get normMode(): NormMode {
      return definition.hasBatchNorm ? store.state.normMode : 'batch';
    },
    setNormMode(mode: NormMode) {
      if (mode !== 'batch' && mode !== 'running') {
        throw new InvalidArgumentError({
          functionName: `${id}.setNormMode`,
          argument: 'mode',
          expected: "'batch' or 'running'",
          received: describeValue(mode),
        });
      }
      store.state.normMode = mode;
    },
    get training() {
      return store.state.training;
    },
    setTraining(training: boolean) {
      store.state.training = training;
    },
    setClosedFormGradients(enabled: boolean) {
      store.state.closedFormGradients = enabled;
    },
    restrictGradients(adapted: readonly tf.Variable[] | undefined) {
      store.state.gradientTargets = adapted === undefined ? undefined : new Set(adapted);
    },
    encode,
    classify,
    forward(images: tf.Tensor4D): tf.Tensor2D {
      checkImages(images, `${id}.forward`);
      return tf.tidy(() => head.apply(definition.features(images)));
    },
    adaptationForward(images: tf.Tensor4D): AdaptationOutput {
      checkImages(images, `${id}.adaptationForward`);
      const features = definition.features(images);
      const logits = head.apply(features);
      return { predictionLogits: logits, adaptationLogits: logits, features };
    },
    normParameters(selection: NormSelection = 'all'): tf.Variable[] {
      const modules =
        selection === 'exclude-last-stage'
          ? store.normModules.filter((m) => !definition.inLastStage(m.name))
          : store.normModules;
      return modules.flatMap((m) => [m.weight, m.bias]);
    },
    auxiliaryParameterGroups: (): readonly ParameterGroup[] => [],
    namedParameters: () => store.named,
    trainableParameters: trainable,
    parameterLayout: (name: string) => store.layouts.get(name) ?? 'plain',
    snapshot(): ModelSnapshot {
      const saved = snapshotVariables(store.named);
      return {
        tensors: saved.tensors,
        extra: { normMode: store.state.normMode },
        dispose: saved.dispose,
      };
    },
    restore(snapshot: ModelSnapshot) {
      restoreVariables(store.named, snapshot);
      const mode = snapshot.extra?.normMode;
      if (mode === 'batch' || mode === 'running') store.state.normMode = mode;
    },
    dispose() {
      store.dispose();
    },
  };
}
