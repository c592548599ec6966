import * as tf from '@tensorflow/tfjs-core';
import {
  InvalidArgumentError,
  ShapeMismatchError,
  assertTensor,
  describeValue,
  restoreVariables,
  snapshotVariables,
} from '@zerosiam/core';
import type {
  AdaptableModel,
  AdaptationOutput,
  ModelSnapshot,
  NormMode,
  NormSelection,
  ParameterGroup,
} from '@zerosiam/core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

// Structural views of the tfjs-layers objects used here, so the package needs tfjs-layers only as an
// optional peer (types) and never imports it at runtime.
interface LayerVariableView {
  readonly name: string;
  readonly originalName?: string;
  read(): tf.Variable;
}
interface LayerView {
  readonly name: string;
  getClassName(): string;
  readonly weights: LayerVariableView[];
  readonly input: unknown;
  getConfig(): Record<string, unknown>;
  readonly gamma?: LayerVariableView | null;
  readonly beta?: LayerVariableView | null;
}
interface LayersModelView {
  readonly name: string;
  readonly layers: LayerView[];
  readonly inputs: unknown[];
  readonly weights: LayerVariableView[];
  apply(inputs: tf.Tensor, kwargs?: { training?: boolean }): tf.Tensor | tf.Tensor[];
}

export interface FromLayersModelOptions {
  /** Model id in errors and results; default the LayersModel's name. */
  readonly id?: string;
  /** Initial BatchNorm mode; default `running` (inference). */
  readonly normMode?: NormMode;
}

const NORM_LAYERS = new Set(['BatchNormalization', 'LayerNormalization']);

/**
 * Adapts a tfjs-layers LayersModel whose last layer is Dense: `encode` runs everything up to the Dense
 * layer's input, `classify` is that Dense layer's affine map (logits; a softmax activation is dropped,
 * any other activation is rejected). Norm parameters are the gamma/beta of every BatchNormalization and
 * LayerNormalization layer. In `batch` mode the model runs with `training: true`, which also switches on
 * dropout and updates the BN moving statistics (use snapshot/restore to undo). For `exclude-last-stage`
 * the last normalisation layer (the final norm) is left out; the model has no known stage structure.
 */
export function fromLayersModel(model: LayersModel, options: FromLayersModelOptions = {}): AdaptableModel {
  const view = model as unknown as LayersModelView;
  const functionName = 'fromLayersModel';
  if (!view || !Array.isArray(view.layers) || view.layers.length === 0) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'model',
      expected: 'a tfjs-layers LayersModel',
      received: describeValue(model),
    });
  }
  const head = view.layers[view.layers.length - 1] as LayerView;
  if (head.getClassName() !== 'Dense') {
    throw new InvalidArgumentError({
      functionName,
      argument: 'model',
      expected: 'a model whose last layer is Dense (the linear classifier)',
      received: `last layer '${head.name}' of class ${head.getClassName()}`,
      fix: 'add a Dense classifier as the final layer, or build the model without a trailing activation layer.',
    });
  }
  const activation = String(head.getConfig().activation ?? 'linear');
  if (activation !== 'linear' && activation !== 'softmax') {
    throw new InvalidArgumentError({
      functionName,
      argument: 'model',
      expected: "a last Dense layer with 'linear' or 'softmax' activation",
      received: `activation '${activation}'`,
    });
  }
  const [kernelVariable, biasVariable] = head.weights.map((w) => w.read());
  if (!kernelVariable)
    throw new InvalidArgumentError({
      functionName,
      argument: 'model',
      expected: 'a built model',
      received: 'a Dense layer without weights',
    });
  const featureDim = kernelVariable.shape[0] as number;
  const numClasses = kernelVariable.shape[1] as number;
  // The encoder is a functional LayersModel over the same layers. Its class is found by walking up from
  // the model's class to tfjs-layers' LayersModel (static className 'Model'; Sequential extends it), so
  // tfjs-layers is never imported here.
  type ModelClass = (new (args: {
    inputs: unknown;
    outputs: unknown;
    name: string;
  }) => LayersModelView) & { className?: string };
  let Constructor = (model as unknown as { constructor: ModelClass }).constructor;
  while (Constructor && Constructor.className !== 'Model')
    Constructor = Object.getPrototypeOf(Constructor) as ModelClass;
  if (!Constructor) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'model',
      expected: 'a tfjs-layers LayersModel',
      received: describeValue(model),
    });
  }
  const body = new Constructor({ inputs: view.inputs, outputs: head.input, name: `${view.name}_encoder` });
  const inputShape = (view.inputs[0] as { shape: (number | null)[] }).shape.slice(1) as [
    number,
    number,
    number,
  ];
  const id = options.id ?? view.name;

  const named = new Map<string, tf.Variable>();
  for (const weight of view.weights) named.set(weight.originalName ?? weight.name, weight.read());
  const normLayers = view.layers.filter((layer) => NORM_LAYERS.has(layer.getClassName()));
  const hasBatchNorm = normLayers.some((layer) => layer.getClassName() === 'BatchNormalization');
  let normMode: NormMode = options.normMode ?? 'running';

  const encode = (images: tf.Tensor4D): tf.Tensor2D => {
    assertTensor(images, { functionName: `${id}.encode`, argument: 'images' }, { rank: 4 });
    const out = body.apply(images, { training: hasBatchNorm && normMode === 'batch' });
    const features = (Array.isArray(out) ? out[0] : out) as tf.Tensor;
    if (features.rank !== 2) {
      throw new ShapeMismatchError({
        functionName: `${id}.encode`,
        argument: 'features',
        expectedShape: [null, featureDim],
        receivedShape: features.shape,
      });
    }
    return features as tf.Tensor2D;
  };
  const classify = (features: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      const logits = tf.matMul(features, kernelVariable as tf.Tensor2D);
      return (biasVariable ? tf.add(logits, biasVariable) : logits) as tf.Tensor2D;
    });
  const normParameters = (selection: NormSelection = 'all'): tf.Variable[] => {
    const layers = selection === 'exclude-last-stage' ? normLayers.slice(0, -1) : normLayers;
    return layers.flatMap((layer) =>
      [layer.gamma?.read(), layer.beta?.read()].filter((v): v is tf.Variable => v !== undefined),
    );
  };

  return {
    specificationVersion: 'v1',
    id,
    inputShape,
    numClasses,
    featureDim,
    hasBatchNorm,
    get normMode(): NormMode {
      return hasBatchNorm ? normMode : 'batch';
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
      normMode = mode;
    },
    encode: (images) => tf.tidy(() => encode(images)),
    classify,
    forward: (images) => tf.tidy(() => classify(encode(images))),
    adaptationForward(images: tf.Tensor4D): AdaptationOutput {
      const features = encode(images);
      const logits = classify(features);
      return { predictionLogits: logits, adaptationLogits: logits, features };
    },
    normParameters,
    auxiliaryParameterGroups: (): readonly ParameterGroup[] => [],
    namedParameters: () => named,
    snapshot(): ModelSnapshot {
      const saved = snapshotVariables(named);
      return { tensors: saved.tensors, extra: { normMode }, dispose: saved.dispose };
    },
    restore(snapshot: ModelSnapshot) {
      restoreVariables(named, snapshot);
      const mode = snapshot.extra?.normMode;
      if (mode === 'batch' || mode === 'running') normMode = mode;
    },
    dispose() {
      (model as unknown as { dispose(): void }).dispose();
    },
  };
}
