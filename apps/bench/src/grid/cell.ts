import { createHash } from 'node:crypto';
import type { BenchConfig } from '../config/bench-config';
import { fallbackBaseLearningRate, type LearningRatePlan, planLearningRates } from '../run/learning-rate';
import { readTunedRates, type TunedRates } from '../tune/tuned-rates';
import { type MethodSpec, parseMethodSpec } from './method-spec';

/** One independent unit of work: a method on a model over one stream. */
export interface Cell {
  /** Deterministic id: the same config always gives the same key (resume and dedup use it). */
  readonly key: string;
  readonly method: MethodSpec;
  readonly model: string;
  readonly scenario: string;
  /** The corruption this cell adapts on; `all` for the mixed stream. */
  readonly corruption: string;
  readonly imbalanceRatio: number;
  readonly seed: number;
  /** The learning rates this cell runs with and where each came from (docs/bench.md, learning rates). */
  readonly learningRates: LearningRatePlan;
}

/**
 * Keys that change what a cell computes (everything but paths, backend and labels). `'tuned'`
 * hashes as B = 1e-3, which is what it computes without a table entry, and `tuned` adds the
 * numbers a cell takes from the table: filling the table re-keys exactly the cells it changes.
 */
function computeFingerprint(
  config: BenchConfig,
  tuned: { baseLearningRate?: number; predictorLearningRateScale?: number } = {},
): string {
  const relevant = {
    weights: config.weights,
    dataset: config.dataset,
    dataDir: config.dataDir,
    scenario: {
      ...config.scenario,
      corruptions: undefined,
      imbalanceRatios: undefined,
      // Left out at its default so cells written before the key existed keep their keys (and resume).
      noiseLength: config.scenario.noiseLength > 0 ? config.scenario.noiseLength : undefined,
    },
    method: {
      ...config.method,
      baseLearningRate:
        config.method.baseLearningRate === 'tuned'
          ? fallbackBaseLearningRate
          : config.method.baseLearningRate,
    },
    eval: config.eval,
    ...(Object.keys(tuned).length > 0 ? { tuned } : {}),
  };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 10);
}

/** The numbers of a plan that came from the tuned table. */
function fromTable(plan: LearningRatePlan): {
  baseLearningRate?: number;
  predictorLearningRateScale?: number;
} {
  return {
    ...(plan.baseLearningRateFrom === 'tuned' && plan.baseLearningRate !== null
      ? { baseLearningRate: plan.baseLearningRate }
      : {}),
    ...(plan.predictorLearningRateScaleFrom === 'tuned' && plan.predictorLearningRateScale !== null
      ? { predictorLearningRateScale: plan.predictorLearningRateScale }
      : {}),
  };
}

/** A mixed cell's corruption: the scenario's corruptions pooled into one stream. */
export const pooledCorruption = 'all';

/** The corruptions a cell's stream draws from: its own, or every one a mixed cell pools. */
export function corruptionsOfCell(
  corruption: string,
  scenarioCorruptions: readonly string[],
): readonly string[] {
  return corruption === pooledCorruption ? scenarioCorruptions : [corruption];
}

/**
 * Expands a config into its cells, in a fixed order: model, method, imbalance ratio, corruption,
 * seed. The mixed scenario has one cell over all corruptions. `tuned` is the learning-rate table
 * that `method.baseLearningRate: 'tuned'` reads (default: the committed configs/tuned-rates.json).
 */
export function expandCells(config: BenchConfig, tuned: TunedRates = readTunedRates()): Cell[] {
  const baseFingerprint = computeFingerprint(config);
  const scenario = config.scenario.name;
  const corruptions = scenario === 'mixed' ? [pooledCorruption] : config.scenario.corruptions;
  const ratios = scenario === 'label-shift' ? config.scenario.imbalanceRatios : [0];
  const cells: Cell[] = [];
  for (const model of config.models) {
    for (const entry of config.methods) {
      const method = parseMethodSpec(entry);
      const learningRates = planLearningRates(config, { method, model }, tuned);
      const tunedPart = fromTable(learningRates);
      const fingerprint =
        Object.keys(tunedPart).length > 0 ? computeFingerprint(config, tunedPart) : baseFingerprint;
      for (const imbalanceRatio of ratios) {
        for (const corruption of corruptions) {
          for (const seed of config.seeds) {
            const parts = [
              scenario,
              `bs${config.scenario.batchSize}`,
              model,
              method.label,
              corruption,
              `ir${imbalanceRatio}`,
              `seed${seed}`,
              fingerprint,
            ];
            cells.push({
              key: parts.join('|'),
              method,
              model,
              scenario,
              corruption,
              imbalanceRatio,
              seed,
              learningRates,
            });
          }
        }
      }
    }
  }
  return cells;
}
