/** The type of one config leaf, as checked at run time. */
export type LeafType =
  | {
      readonly kind: 'number';
      readonly nullable?: boolean;
      readonly integer?: boolean;
      readonly min?: number;
      /** A word accepted besides numbers (`'tuned'` for method.baseLearningRate). */
      readonly keyword?: string;
    }
  | { readonly kind: 'string'; readonly choices?: readonly string[] }
  | { readonly kind: 'number[]'; readonly integer?: boolean }
  | { readonly kind: 'string[]' };

/** Every settable key of BenchConfig, dotted. `preset` is set by the loader, not by users. */
export const configSchema: Readonly<Record<string, LeafType>> = Object.freeze({
  description: { kind: 'string' },
  methods: { kind: 'string[]' },
  models: { kind: 'string[]' },
  weights: { kind: 'string', choices: ['shipped', 'fresh'] },
  dataset: { kind: 'string', choices: ['fashion-mnist', 'synthetic'] },
  seeds: { kind: 'number[]', integer: true },
  backend: { kind: 'string' },
  output: { kind: 'string' },
  reportDir: { kind: 'string' },
  dataDir: { kind: 'string' },
  'scenario.name': {
    kind: 'string',
    choices: ['reset-each-shift', 'label-shift', 'mixed', 'blind-spot', 'noise-pre-adaptation'],
  },
  'scenario.corruptions': { kind: 'string[]' },
  'scenario.severity': { kind: 'number', integer: true, min: 1 },
  'scenario.batchSize': { kind: 'number', integer: true, min: 1 },
  'scenario.adaptBatchSize': { kind: 'number', integer: true, min: 1 },
  'scenario.samplesPerDomain': { kind: 'number', integer: true, min: 0 },
  'scenario.imbalanceRatios': { kind: 'number[]' },
  'scenario.steps': { kind: 'number', integer: true, min: 0 },
  'scenario.noiseLength': { kind: 'number', integer: true, min: 0 },
  'method.learningRate': { kind: 'number', nullable: true, min: 0 },
  'method.baseLearningRate': { kind: 'number', min: 0, keyword: 'tuned' },
  'method.normLearningRateScale': { kind: 'number', nullable: true, min: 0 },
  'method.predictorLearningRateScale': { kind: 'number', nullable: true, min: 0 },
  'method.momentum': { kind: 'number', nullable: true, min: 0 },
  'method.fisherSamples': { kind: 'number', integer: true, min: 1 },
  'eval.windowSize': { kind: 'number', integer: true, min: 1 },
  'eval.maxSeriesPoints': { kind: 'number', integer: true, min: 1 },
  'eval.calibrationBins': { kind: 'number', integer: true, min: 1 },
});

export const configKeys: readonly string[] = Object.keys(configSchema);
