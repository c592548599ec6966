// Node-only entry: file I/O (weights, cards, shipped models) and training with checkpoints.

export type {
  EpochRecord,
  TrainClassifierOptions,
  TrainClassifierResult,
  TrainProgressEvent,
} from './training/train-classifier';
export { trainClassifier } from './training/train-classifier';
export {
  cardPathFor,
  loadModel,
  loadShippedModel,
  readModelCard,
  saveModel,
  shippedWeightsDirectory,
} from './weights/model-files';
