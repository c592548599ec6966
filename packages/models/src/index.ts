export { BatchNorm } from './layers/batch-norm';
export type { Conv2dOptions } from './layers/conv2d';
export { Conv2d } from './layers/conv2d';
export { conv2dClosedForm } from './layers/conv2d-closed-form';
export type { DenseOptions } from './layers/dense';
export { Dense, matMulClosedForm } from './layers/dense';
export {
  DepthwiseConv2d,
  depthwiseConv2dClosedForm,
} from './layers/depthwise-conv2d';
export { gelu } from './layers/gelu';
export { GroupNorm } from './layers/group-norm';
export { LayerNorm } from './layers/layer-norm';
export { Mlp } from './layers/mlp';
export { MultiHeadAttention } from './layers/multi-head-attention';
export type { NormalizeOptions } from './layers/normalize-closed-form';
export {
  normalizeAutodiff,
  normalizeClosedForm,
} from './layers/normalize-closed-form';
export type {
  Initializer,
  NormModule,
  ParameterLayout,
} from './layers/parameter-store';
export { ParameterStore } from './layers/parameter-store';
export { averagePool, globalAveragePool, maxPool } from './layers/pooling';
export { evaluateClassifier } from './training/evaluate-classifier';
export { cosineLearningRate } from './training/learning-rate-schedule';
export type { AugmentationOptions } from './training/make-batch';
export type { ModelCard } from './weights/model-card';
export { loadModelFromBytes, modelToBytes, readModelBytes } from './weights/model-from-bytes';
export type {
  SafetensorsContents,
  SafetensorsDtype,
  SafetensorsTensor,
} from './weights/safetensors';

export { fromLayersModel } from './adapters/from-layers-model';
export type { FromLayersModelOptions } from './adapters/from-layers-model';

export { decodeSafetensors, encodeSafetensors } from './weights/safetensors';
export { loadStateDict, modelToStateDict, readModelStateDict } from './weights/state-dict';
export type { ModelOptions } from './zoo/model-options';
export type { ModelFactory } from './zoo/model-registry';
export {
  createModel,
  DEFAULT_MODEL_ID,
  getModelFactory,
  modelRegistry,
} from './zoo/model-registry';
export {
  createResNet20Bn,
  createResNet20Gn,
  RESNET20_GROUPS,
} from './zoo/resnet20';
export type { ZooModel, ZooModelDefinition } from './zoo/zoo-model';
export { createZooModel } from './zoo/zoo-model';
