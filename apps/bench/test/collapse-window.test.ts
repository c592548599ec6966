import { useBackend } from '@zerosiam/testing';
import { describe, expect, it } from 'vitest';
import { presets } from '../configs/index';
import { resolveConfig } from '../src/config/resolve-config';
import { expandCells } from '../src/grid/cell';
import { buildReport } from '../src/report/build-report';
import { collapseWindowFor } from '../src/run/collapse-window';
import { runCell } from '../src/run/run-cell';
import { diagnosticsHeading, tableUnder } from './table-under';

describe('collapseWindowFor', () => {
  it('keeps the configured window when the phase fills it', () => {
    expect(collapseWindowFor(512, 512, 10)).toBe(512);
    expect(collapseWindowFor(512, 10_000, 10)).toBe(512);
  });

  it('shrinks to the phase when it is shorter but holds ten samples per class', () => {
    expect(collapseWindowFor(512, 100, 10)).toBe(100);
    expect(collapseWindowFor(512, 511, 10)).toBe(511);
  });

  it('leaves a phase with fewer than ten samples per class unjudged', () => {
    expect(collapseWindowFor(512, 99, 10)).toBe(512);
    expect(collapseWindowFor(512, 0, 10)).toBe(512);
  });
});

/** One smoke cell (synthetic data, 4 classes, window 512) on a stream of `samples` samples. */
async function shortCell(samples: number, scenario = 'label-shift') {
  await useBackend('cpu');
  const config = resolveConfig('smoke', presets.smoke!, [
    { key: 'scenario.name', value: scenario },
    { key: 'methods', value: 'tent' },
    { key: 'seeds', value: '1' },
    { key: 'scenario.corruptions', value: 'none' },
    { key: 'scenario.samplesPerDomain', value: String(samples) },
    { key: 'scenario.steps', value: String(samples) },
    { key: 'eval.windowSize', value: '512' },
  ]);
  const [cell] = expandCells(config);
  return runCell(cell!, config, { command: 'test', backend: 'cpu' });
}

/** The "collapsed windows %" cell of the diagnostics row of the only method, `tent`. */
const collapsedColumn = (markdown: string) =>
  tableUnder(markdown, diagnosticsHeading).column('collapsed windows %').get('tent');

describe('a cell shorter than eval.windowSize', () => {
  it('is judged on one window spanning its stream', async () => {
    const record = await shortCell(64);
    expect(record.online.collapse.thresholds.windowSize).toBe(64);
    expect(record.online.collapse.windowsChecked).toBe(1);
    // The windowed metrics exist once a window has been checked.
    expect(record.online.meanCenterDominance).not.toBeNull();
    expect(collapsedColumn(buildReport([record]).markdown)).toMatch(/^\d+\.\d$/);
  });

  it('is left unjudged below ten samples per class', async () => {
    const record = await shortCell(32);
    expect(record.online.collapse.thresholds.windowSize).toBe(512);
    expect(record.online.collapse.windowsChecked).toBe(0);
    expect(record.online.meanCenterDominance).toBeNull();
    // Not judged is not "never collapsed": the report shows no share rather than 0.0.
    expect(collapsedColumn(buildReport([record]).markdown)).toBe('–');
  });

  it('judges a short frozen evaluation on one window too', async () => {
    // Noise pre-adaptation: 1,000 unlabelled noise images, then 64 labelled ones evaluated frozen.
    const record = await shortCell(64, 'noise-pre-adaptation');
    expect(record.online.collapse.thresholds.windowSize).toBe(512);
    expect(record.frozen?.collapse.thresholds.windowSize).toBe(64);
    expect(record.frozen?.collapse.windowsChecked).toBe(1);
  });
});
