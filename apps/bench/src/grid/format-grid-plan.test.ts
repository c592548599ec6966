import { describe, expect, it } from 'vitest';
import type { Cell } from './cell';
import { formatGridPlan, gridPlanJson } from './format-grid-plan';
import type { CellStatus, GridPlan } from './plan-grid';

function cell(method: string, corruption: string): Cell {
  return {
    key: `${method}/${corruption}`,
    method: { label: method, name: method, options: {} },
    model: 'resnet20-gn',
    scenario: 'label-shift',
    corruption,
    imbalanceRatio: 500000,
    seed: 2021,
    learningRates: {} as Cell['learningRates'],
  };
}

const statuses: [string, string, CellStatus][] = [
  ['tent', 'fog', 'done'],
  ['tent', 'snow', 'stale'],
  ['sar', 'fog', 'to-run'],
  ['sar', 'snow', 'done'],
];
const plan: GridPlan = {
  cells: statuses.map(([method, corruption, status]) => ({ cell: cell(method, corruption), status })),
  todo: [],
  meanSecondsByKind: new Map([['tent · resnet20-gn', 150]]),
  ignoredLines: [{ line: 7, reason: 'not valid JSON' }],
};

describe('formatGridPlan', () => {
  it('counts done, stale (other weights) and to-run cells per method and overall', () => {
    const text = formatGridPlan(plan, { output: 'results/x.jsonl', force: false });
    expect(text).toMatch(
      /^grid plan for results\/x\.jsonl: 4 cells: 2 done, 1 on other weights \(run again\), 2 to run$/m,
    );
    expect(text).toMatch(/^\| tent · resnet20-gn \| 2 \| 1 \| 1 \| 1 \| 2m30s \|$/m);
    expect(text).toMatch(/^\| sar · resnet20-gn \| 2 \| 1 \| 0 \| 1 \| – \|$/m);
    // One tent cell at 150 s; the sar cell has no timing, so the sum is a lower bound.
    expect(text).toMatch(
      /Time left at the done cells' pace: ≥ 2m30s of cell time \(1 cell\(s\) of kinds with no done cell not counted\)/,
    );
    expect(text).toMatch(/1 line\(s\) of results\/x\.jsonl were ignored .*lines 7/);
    expect(text).toMatch(/Nothing was run/);
  });

  it('with --force every cell runs; the JSON form says which will', () => {
    expect(formatGridPlan(plan, { output: 'o.jsonl', shard: { index: 1, count: 2 }, force: true })).toMatch(
      /o\.jsonl \(shard 1\/2\): 4 cells: 2 done, 1 on other weights \(run again\), 4 to run \(--force runs every cell\)/,
    );
    const json = gridPlanJson(plan, false);
    expect(json).toMatchObject({ planned: 4, done: 2, stale: 1, toRun: 2 });
    expect(json.cells.map((c) => [c.key, c.status, c.willRun])).toEqual([
      ['tent/fog', 'done', false],
      ['tent/snow', 'stale', true],
      ['sar/fog', 'to-run', true],
      ['sar/snow', 'done', false],
    ]);
    expect(gridPlanJson(plan, true).toRun).toBe(4);
  });
});
