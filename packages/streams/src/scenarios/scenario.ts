import type { Stream } from '@zerosiam/core';
import type { DomainSource } from './domain-source';
import type { SubsetOptions } from './subset';

/**
 * How the runner treats a phase:
 * - `adapt`: predict each batch, then adapt on it; predictions are scored (online accuracy);
 * - `adapt-only`: adapt, predictions are not scored (blind-spot / noise warm-up);
 * - `frozen`: predict only, no adaptation; predictions are scored.
 */
export type PhaseMode = 'adapt' | 'adapt-only' | 'frozen';

/** One stretch of a scenario: a stream, how to run it, and whether to reset the model first. */
export interface ScenarioPhase {
  /** e.g. `fog@5`, `fog@5/adaptation`, `continual`. */
  readonly name: string;
  readonly mode: PhaseMode;
  /** Restore the source model and method state before this phase. */
  readonly resetBefore: boolean;
  readonly stream: Stream;
}

/** A built scenario: phases run in order. Reset-each-shift has one phase per domain. */
export interface ScenarioRun {
  readonly scenario: string;
  readonly seed: number;
  readonly phases: readonly ScenarioPhase[];
}

/** Every option any scenario reads; each scenario rejects the keys it does not use. */
export interface ScenarioOptions {
  /** Seeds every random choice; default 2021 (SAR/ZeroSiam). */
  readonly seed?: number;
  /** Default 64; any positive integer, 1 included. The final partial batch is kept. */
  readonly batchSize?: number;
  /** Use part of each domain (quick presets). */
  readonly subset?: SubsetOptions;
  /** Shuffle samples within a domain; default true (SAR's `normal` protocol). */
  readonly shuffle?: boolean;
  /** Domain order for continual/gradual: canonical corruption order (default), as given, or seeded random. */
  readonly order?: 'canonical' | 'given' | 'random';
  /** Label shift: imbalance ratio IR ≥ 1 (default 500000, SAR). */
  readonly imbalanceRatio?: number;
  /** Label shift: time steps T per domain (default 2 × domain size, SAR's 100k for 50k images). */
  readonly steps?: number;
  /** Dirichlet: concentration δ (default 0.1, NOTE/TTAB). */
  readonly concentration?: number;
  /** Dirichlet: minimum chunk size of NOTE's retry loop. */
  readonly minChunkSize?: number;
  /** Dirichlet: pool all domains first, then correlate labels (mix ∘ correlate), one stream without resets. */
  readonly mixDomains?: boolean;
  /** Blind-spot: the sample indices the unadapted model gets wrong in a domain. */
  readonly wrongIndices?: (domain: number, name: string) => ArrayLike<number> | Promise<ArrayLike<number>>;
  /** Blind-spot: adaptation stream length per domain (default the domain size, SAR's 50,000). */
  readonly targetLength?: number;
  /** Blind-spot: batch size of the adaptation stream (default 1). */
  readonly adaptBatchSize?: number;
  /** Blind-spot: seed of the alignment draw (default 2025, as upstream). */
  readonly alignSeed?: number;
  /** Noise pre-adaptation: number of noise images (default 1000). */
  readonly noiseLength?: number;
  /** Noise pre-adaptation: σ of the noise (default 0.5). */
  readonly noiseStd?: number;
  /** Noise pre-adaptation: mean of the noise (default 0.5). */
  readonly noiseMean?: number;
  /** Noise pre-adaptation: whether the evaluation after the noise adapts (default) or is frozen. */
  readonly evaluationMode?: 'adapt' | 'frozen';
}

/** A named scenario builder, held in the registry behind `getScenario`. */
export interface ScenarioDefinition {
  readonly id: string;
  /** One line: the protocol and where it comes from. */
  readonly description: string;
  /** Option keys it reads; others are rejected. */
  readonly optionKeys: readonly (keyof ScenarioOptions)[];
  create(source: DomainSource, options?: ScenarioOptions): ScenarioRun;
}
