import { presets } from '../../configs/index';
import { resolveConfig } from '../config/resolve-config';
import { expandCells } from '../grid/cell';
import type { ResultRecord } from '../results/result-record';
import { emptyTunedRates } from './tuned-rates';

/** The weights every fixture record names. */
export const tuneWeights = {
  kind: 'shipped' as const,
  file: 'w.safetensors',
  sha256: 'ab'.repeat(32),
  cleanTestAccuracy: 0.85,
};

/**
 * Records for the tune preset's cells (no model runs): accuracy = score(label, corruption), so
 * each test decides which candidate wins; `overrides` reshape the stream like CLI flags.
 */
export function tuneRecords(
  score: (label: string, corruption: string) => number,
  overrides: { key: string; value: string }[] = [],
): ResultRecord[] {
  const config = resolveConfig('tune', presets.tune!, overrides);
  return expandCells(config, emptyTunedRates).map((cell) => {
    const { key, ...rest } = cell;
    const accuracy = score(cell.method.label, cell.corruption);
    return {
      format: 'zerosiam-bench/v1',
      key,
      cell: rest,
      config,
      modelWeights: tuneWeights,
      command: 'pnpm bench grid tune --shard=1/2',
      online: { accuracy },
      accuracy,
    } as unknown as ResultRecord;
  });
}
