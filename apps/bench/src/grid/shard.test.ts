import { describe, expect, it } from 'vitest';
import { presets } from '../../configs/index';
import { resolveConfig } from '../config/resolve-config';
import { tentTunedTable } from '../tune/tune-records.fixture';
import { emptyTunedRates } from '../tune/tuned-rates';
import { expandCells } from './cell';
import { parseShard, selectShard } from './shard';

describe('shards and cell keys', () => {
  const config = resolveConfig('quick', presets.quick!);
  const cells = expandCells(config);

  it('expands methods × corruptions × seeds with unique, deterministic keys', () => {
    expect(cells).toHaveLength(config.methods.length * config.scenario.corruptions.length);
    expect(new Set(cells.map((c) => c.key)).size).toBe(cells.length);
    expect(expandCells(resolveConfig('quick', presets.quick!)).map((c) => c.key)).toEqual(
      cells.map((c) => c.key),
    );
  });

  it('changes the key when a setting that changes results changes, not when the output path does', () => {
    const lr = expandCells(
      resolveConfig('quick', presets.quick!, [{ key: 'method.learningRate', value: '0.01' }]),
    );
    const moved = expandCells(
      resolveConfig('quick', presets.quick!, [{ key: 'output', value: 'elsewhere.jsonl' }]),
    );
    expect(lr[0]!.key).not.toBe(cells[0]!.key);
    expect(moved[0]!.key).toBe(cells[0]!.key);
  });

  it("'tuned' with no entry keys like B = 1e-3; a table entry re-keys exactly the cells it changes", () => {
    const untuned = expandCells(config, emptyTunedRates);
    const explicit = expandCells(
      resolveConfig('quick', presets.quick!, [{ key: 'method.baseLearningRate', value: '1e-3' }]),
      emptyTunedRates,
    );
    expect(explicit.map((c) => c.key)).toEqual(untuned.map((c) => c.key));
    // Tuned on quick's own stream, so the entry applies to its cells.
    const table = tentTunedTable();
    const tuned = expandCells(config, table);
    const changed = tuned.filter((cell, i) => cell.key !== untuned[i]!.key);
    expect(changed.map((c) => c.method.label)).toEqual(config.scenario.corruptions.map(() => 'tent'));
    expect(changed[0]!.learningRates).toMatchObject({ learningRate: 4e-3, baseLearningRateFrom: 'tuned' });
  });

  it('shards 1/3, 2/3, 3/3 partition the cells', () => {
    const parts = [1, 2, 3].map((index) => selectShard(cells, parseShard(`${index}/3`)));
    const keys = parts.flat().map((c) => c.key);
    expect(keys.sort()).toEqual(cells.map((c) => c.key).sort());
    expect(new Set(keys).size).toBe(cells.length);
  });

  it('rejects malformed shards', () => {
    expect(() => parseShard('0/3')).toThrow(/1 ≤ i ≤ n/);
    expect(() => parseShard('4/3')).toThrow(/1 ≤ i ≤ n/);
    expect(() => parseShard('a/b')).toThrow(/i\/n/);
  });
});
