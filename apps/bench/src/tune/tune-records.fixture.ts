import { presets } from '../../configs/index';
import { resolveConfig } from '../config/resolve-config';
import { expandCells, pooledCorruption } from '../grid/cell';
import type { ResultRecord } from '../results/result-record';
import { domainName } from '../run/domain-name';
import { emptyTunedRates, type TunedRates, type TuningProvenance } from './tuned-rates';

/** The weights every fixture record names. */
export const tuneWeights = {
  kind: 'shipped' as const,
  file: 'w.safetensors',
  sha256: 'ab'.repeat(32),
  cleanTestAccuracy: 0.85,
};

/**
 * Records for the tune preset's cells (no model runs): accuracy = score(label, corruption), so
 * each test decides which candidate wins; `overrides` reshape the stream like CLI flags. A mixed
 * cell (corruption `all`) gets one domain per pooled corruption, scored the same way, and the
 * mean of them as its accuracy.
 */
export function tuneRecords(
  score: (label: string, corruption: string) => number,
  overrides: { key: string; value: string }[] = [],
): ResultRecord[] {
  const config = resolveConfig('tune', presets.tune!, overrides);
  return expandCells(config, emptyTunedRates).map((cell) => {
    const { key, ...rest } = cell;
    const pooled = cell.corruption === pooledCorruption ? config.scenario.corruptions : [];
    const accuracyByDomain = Object.fromEntries(
      pooled.map((corruption) => [
        domainName(corruption, config.scenario.severity),
        { samples: 100, correct: 0, accuracy: score(cell.method.label, corruption) },
      ]),
    );
    const accuracy =
      pooled.length === 0
        ? score(cell.method.label, cell.corruption)
        : pooled.reduce((sum, corruption) => sum + score(cell.method.label, corruption), 0) / pooled.length;
    return {
      format: 'zerosiam-bench/v1',
      key,
      cell: rest,
      config,
      modelWeights: tuneWeights,
      command: 'pnpm bench grid tune --shard=1/2',
      online: { accuracy, accuracyByDomain },
      accuracy,
    } as unknown as ResultRecord;
  });
}

/** quick's stream shape: label shift, batch 64, 640 images and steps per corruption. */
export const quickStreamShape = { scenario: 'label-shift', batchSize: 64, samplesPerDomain: 640, steps: 640 };

/** A tuned table whose one resnet20-gn entry (quick's shape unless `provenance` says otherwise) tunes tent to B 4e-3. */
export function tentTunedTable(provenance: Partial<TuningProvenance> = {}): TunedRates {
  return {
    format: 'zerosiam-bench/tuned-rates/v2',
    models: {
      'resnet20-gn': [
        {
          provenance: { ...quickStreamShape, ...provenance } as TuningProvenance,
          methods: { tent: { baseLearningRate: 4e-3, meanAccuracy: 0.7, candidates: 3 } },
        },
      ],
    },
  };
}
