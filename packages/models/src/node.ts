// Node-only entry: file I/O (weights, cards, shipped models) and training with checkpoints.

export type {
  EpochRecord,
  TrainClassifierOptions,
  TrainClassifierResult,
  TrainProgressEvent,
} from './training/train-classifier';
export { checkpointFiles, trainClassifier } from './training/train-classifier';
export type { ResolvedTrainSettings } from './training/resolve-train-options';
export {
  cardPathFor,
  loadModel,
  loadShippedModel,
  readModelCard,
  saveModel,
  shippedWeightsDirectory,
} from './weights/model-files';
