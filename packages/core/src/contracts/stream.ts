import type { Normalization } from './normalization';

/** One batch of a test stream. Pixels are in [0, 1], row-major [batch, H, W, C]. */
export interface Batch {
  readonly images: Float32Array;
  readonly shape: readonly [number, number, number, number];
  readonly labels: Int32Array;
  /** Per-sample domain index into `StreamInfo.domains`. */
  readonly domains: Int32Array;
  /** Per-sample index into the source data set. */
  readonly indices: Int32Array;
}

export interface StreamInfo {
  /** Scenario id, e.g. `label-shift`. */
  readonly scenario: string;
  /** Domain names, e.g. corruption@severity. */
  readonly domains: readonly string[];
  readonly numClasses: number;
  /** [H, W, C] */
  readonly imageShape: readonly [number, number, number];
  /** The data set's own normalisation statistics. */
  readonly normalization: Normalization;
  /** Number of samples the stream emits. */
  readonly length: number;
  readonly batchSize: number;
  readonly seed: number;
  /** When the runner must reset the model: before each domain, never, ... */
  readonly resetPolicy: 'never' | 'per-domain';
}

/** A seeded async iterable of batches. */
export interface Stream extends AsyncIterable<Batch> {
  readonly specificationVersion: 'v1';
  readonly info: StreamInfo;
}
