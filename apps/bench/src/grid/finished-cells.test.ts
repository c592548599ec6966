import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../results/result-record';
import { finishedCells } from './finished-cells';

const record = (key: string, model: string, sha256?: string, finishedAt = '2026-11-23T00:00:00Z') =>
  ({
    key,
    finishedAt,
    cell: { model },
    ...(sha256 === undefined ? {} : { modelWeights: { kind: 'shipped', sha256 } }),
  }) as unknown as ResultRecord;

describe('finishedCells', () => {
  it('treats cells computed on other weights as not done, unless a record on the current weights exists', () => {
    const currentSha = new Map([
      ['resnet20-gn', 'new'],
      ['tiny-gn', undefined],
    ]);
    const { done, stale, current } = finishedCells(
      [
        record('a', 'resnet20-gn', 'old'),
        record('b', 'resnet20-gn', 'new'),
        record('c', 'resnet20-gn', 'old'),
        record('c', 'resnet20-gn', 'new', '2026-11-24T00:00:00Z'),
        record('d', 'resnet20-gn'), // an older record without a hash: kept as it is
        record('e', 'tiny-gn', 'whatever'), // fresh weights: nothing to compare with
      ],
      currentSha,
    );
    expect([...done].sort()).toEqual(['b', 'c', 'd', 'e']);
    expect([...stale]).toEqual(['a']);
    // The outdated records of 'a' and 'c' are left out of what timings may use.
    expect(current.map((r) => `${r.key}:${r.modelWeights?.sha256 ?? '-'}`)).toEqual([
      'b:new',
      'c:new',
      'd:-',
      'e:whatever',
    ]);
  });
});
