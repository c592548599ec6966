import { presets } from '../configs/index';
import { resolveConfig } from '../src/config/resolve-config';
import { expandCells } from '../src/grid/cell';

/** The smoke preset (tiny-gn on synthetic data) cut to 8 small cells: 2 methods × 2 domains × 2 seeds. */
export const eightCellOverrides = [
  '--methods=source,tent',
  '--seeds=1,2',
  '--scenario.samplesPerDomain=32',
  '--scenario.batchSize=8',
];

/** The keys of those 8 cells, in the grid's expansion order. */
export function eightCellKeys(): string[] {
  const config = resolveConfig(
    'smoke',
    presets.smoke!,
    eightCellOverrides.map((o) => ({ key: o.slice(2, o.indexOf('=')), value: o.slice(o.indexOf('=') + 1) })),
  );
  return expandCells(config).map((cell) => cell.key);
}
