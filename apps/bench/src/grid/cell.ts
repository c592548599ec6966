import { createHash } from 'node:crypto';
import type { BenchConfig } from '../config/bench-config';
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
}

/** Keys that change what a cell computes (everything but paths, backend and labels). */
function computeFingerprint(config: BenchConfig): string {
  const relevant = {
    weights: config.weights,
    dataset: config.dataset,
    dataDir: config.dataDir,
    scenario: { ...config.scenario, corruptions: undefined, imbalanceRatios: undefined },
    method: config.method,
    eval: config.eval,
  };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 10);
}

/**
 * Expands a config into its cells, in a fixed order: model, method, imbalance ratio, corruption,
 * seed. The mixed scenario has one cell over all corruptions.
 */
export function expandCells(config: BenchConfig): Cell[] {
  const fingerprint = computeFingerprint(config);
  const scenario = config.scenario.name;
  const corruptions = scenario === 'mixed' ? ['all'] : config.scenario.corruptions;
  const ratios = scenario === 'label-shift' ? config.scenario.imbalanceRatios : [0];
  const cells: Cell[] = [];
  for (const model of config.models) {
    for (const entry of config.methods) {
      const method = parseMethodSpec(entry);
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
            cells.push({ key: parts.join('|'), method, model, scenario, corruption, imbalanceRatio, seed });
          }
        }
      }
    }
  }
  return cells;
}
