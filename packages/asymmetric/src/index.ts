export type { Predictor, PredictorKind } from './create-predictor';
export { createPredictor, predictorKinds } from './create-predictor';
export { predictorDeviation, readPredictorDeviation } from './predictor-deviation';
export type { ZeroSiamOptions, ZeroSiamState } from './with-zero-siam';
export { withZeroSiam, zeroSiamStateOf } from './with-zero-siam';
