import { CORRUPTIONS } from '@zerosiam/streams';
/**
 * The bench configuration: typed data (STYLE.md habit 21). Presets in `apps/bench/configs/*.ts`
 * hold only overrides of `defaultBenchConfig`; the CLI applies `--group.key=value` overrides on top.
 * Every leaf is described in `configSchema`, which rejects unknown keys and wrong types.
 */
export interface BenchConfig {
  /** Preset this config came from (set by the loader). */
  readonly preset: string;
  readonly description: string;
  /** Method ids, optionally with options: `zerosiam`, `zerosiam[predictor=fixed-identity]`. */
  readonly methods: readonly string[];
  /** Model ids from @zerosiam/models (`resnet20-gn`, ...) or `tiny-gn` / `tiny-bn` (test fixtures). */
  readonly models: readonly string[];
  /** `shipped` loads packages/models/weights; `fresh` initialises from the seed (tests, smoke runs only). */
  readonly weights: 'shipped' | 'fresh';
  /** `fashion-mnist` (the shipped test split) or `synthetic` (seeded blobs, for tests). */
  readonly dataset: 'fashion-mnist' | 'synthetic';
  /** Seeds of the cells: each seed fixes stream order, corruption noise and method randomness. */
  readonly seeds: readonly number[];
  /** Compute backend name for selectBackend (`auto`, `wasm`, `cpu`, ...). */
  readonly backend: string;
  /** Results file (append-only JSON lines). */
  readonly output: string;
  /** Where `report` writes tables and plots by default. */
  readonly reportDir: string;
  /** Folder of the data set files; empty = the package default (shipped test split). */
  readonly dataDir: string;
  readonly scenario: {
    /** Scenario id of @zerosiam/streams: `reset-each-shift`, `label-shift`, `mixed`, `blind-spot`, `noise-pre-adaptation`. */
    readonly name: string;
    readonly corruptions: readonly string[];
    readonly severity: number;
    readonly batchSize: number;
    /** Blind-spot: batch size of the adaptation phase (the frozen evaluation uses `batchSize`). */
    readonly adaptBatchSize: number;
    /** Samples per domain taken from the test split (0 = all of it). */
    readonly samplesPerDomain: number;
    /** Imbalance ratios of the label-shift stream (an axis of the grid). */
    readonly imbalanceRatios: readonly number[];
    /** Label shift: time steps T per domain (0 = streams' default, 2 × the domain size as SAR's 100k for 50k). */
    readonly steps: number;
    /**
     * Noise pre-adaptation: pure-noise images in the adaptation phase (0 = the scenario's default,
     * 1,000). The paper's noise protocol is unknown (methods.md §2.3), so this is a knob, not a fact.
     */
    readonly noiseLength: number;
  };
  readonly method: {
    /** Base learning rate; null = the bench rule (docs/bench.md, learning rates). */
    readonly learningRate: number | null;
    /**
     * B, the rule's base value at batch size ≥ 32, before method multipliers. `'tuned'` takes B
     * (and ZeroSiam's predictor multiplier) per model and method from configs/tuned-rates.json,
     * 1e-3 and the method's own multiplier where that file has no entry; a number is B for all.
     */
    readonly baseLearningRate: number | 'tuned';
    readonly normLearningRateScale: number | null;
    readonly predictorLearningRateScale: number | null;
    readonly momentum: number | null;
    /** EATA: clean test images for the Fisher estimate (paper: 2000 clean val images). */
    readonly fisherSamples: number;
  };
  readonly eval: {
    /** Samples per window of the collapse flag, prediction entropy and center dominance. */
    readonly windowSize: number;
    readonly maxSeriesPoints: number;
    readonly calibrationBins: number;
  };
}

export const defaultBenchConfig: BenchConfig = {
  preset: 'default',
  description: 'defaults: every method, resnet20-gn, label shift on Fashion-MNIST-C',
  methods: ['source', 'norm', 'tent', 'eata', 'sar', 'deyo', 'deyo+come', 'zerosiam'],
  models: ['resnet20-gn'],
  weights: 'shipped',
  dataset: 'fashion-mnist',
  seeds: [2021],
  backend: 'auto',
  output: 'results/results.jsonl',
  reportDir: 'results/report',
  dataDir: '',
  scenario: {
    name: 'label-shift',
    corruptions: [...CORRUPTIONS],
    severity: 5,
    batchSize: 64,
    adaptBatchSize: 1,
    samplesPerDomain: 0,
    imbalanceRatios: [500000],
    steps: 0,
    noiseLength: 0,
  },
  method: {
    learningRate: null,
    baseLearningRate: 'tuned',
    normLearningRateScale: null,
    predictorLearningRateScale: null,
    momentum: null,
    fisherSamples: 2000,
  },
  eval: { windowSize: 512, maxSeriesPoints: 300, calibrationBins: 15 },
};

type DeepPartial<T> = {
  -readonly [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object
      ? DeepPartial<T[K]>
      : T[K];
};

/** What a preset file exports: a description and overrides of the defaults. */
export type PresetConfig = DeepPartial<BenchConfig> & { readonly description: string };
