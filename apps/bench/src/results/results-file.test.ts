import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error';
import { collectResultFiles } from '../report/write-report';
import type { ResultRecord } from './result-record';
import { appendResult, mergeResults, readResults } from './results-file';

const record = (key: string, finishedAt = '2026-01-01T00:00:00.000Z', accuracy = 0.5, preset = 'quick') =>
  ({ format: 'zerosiam-bench/v1', key, finishedAt, accuracy, config: { preset } }) as unknown as ResultRecord;

describe('results file', () => {
  const directories: string[] = [];
  const file = () => {
    const directory = mkdtempSync(join(tmpdir(), 'bench-results-'));
    directories.push(directory);
    return join(directory, 'results.jsonl');
  };
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('tolerates a truncated last line and keeps every earlier line', () => {
    const path = file();
    appendResult(path, record('a'));
    appendResult(path, record('b'));
    appendFileSync(path, JSON.stringify(record('c')).slice(0, 25)); // killed mid-write
    const read = readResults(path);
    expect(read.records.map((r) => r.key)).toEqual(['a', 'b']);
    expect(read.skipped).toEqual([{ line: 3, reason: 'truncated last line (interrupted write)' }]);
  });

  it('appends after a cut line on a fresh line, so no record is lost', () => {
    const path = file();
    appendResult(path, record('a'));
    appendFileSync(path, '{"format":"zerosiam-bench/v1","key":"b"');
    appendResult(path, record('c'));
    const read = readResults(path);
    expect(read.records.map((r) => r.key)).toEqual(['a', 'c']);
    expect(read.skipped).toHaveLength(1);
    expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
  });

  it('ignores lines that are JSON but not records', () => {
    const path = file();
    writeFileSync(path, '{"hello":1}\n');
    appendResult(path, record('a'));
    expect(readResults(path).records.map((r) => r.key)).toEqual(['a']);
  });

  it('merges by key, keeping the latest run of a cell', () => {
    const merged = mergeResults([
      record('b'),
      record('a', '2026-01-01T00:00:00.000Z', 0.1),
      record('a', '2026-01-02T00:00:00.000Z', 0.9),
    ]);
    expect(merged.map((r) => [r.key, r.accuracy])).toEqual([
      ['a', 0.9],
      ['b', 0.5],
    ]);
  });

  it('keeps the same cell once per preset that ran it', () => {
    const merged = mergeResults([
      record('a', '2026-01-01T00:00:00.000Z', 0.1, 'ablation-predictor'),
      record('a', '2026-01-02T00:00:00.000Z', 0.2, 'imbalance-sweep'),
      record('a', '2026-01-03T00:00:00.000Z', 0.3, 'ablation-predictor'),
    ]);
    expect(merged.map((r) => [r.config.preset, r.key, r.accuracy])).toEqual([
      ['ablation-predictor', 'a', 0.3],
      ['imbalance-sweep', 'a', 0.2],
    ]);
  });

  it('reads a missing file as empty', () => {
    expect(readResults(join(tmpdir(), 'no-such-bench-file.jsonl'))).toEqual({ records: [], skipped: [] });
  });

  it('reads a gzipped copy exactly as the plain file, cut last line included', () => {
    const path = file();
    appendResult(path, record('a'));
    appendResult(path, record('b'));
    appendFileSync(path, JSON.stringify(record('c')).slice(0, 25));
    writeFileSync(`${path}.gz`, gzipSync(readFileSync(path)));
    expect(readResults(`${path}.gz`)).toEqual(readResults(path));
    expect(readResults(`${path}.gz`).records.map((r) => r.key)).toEqual(['a', 'b']);
  });

  it('names a damaged gzip file and the fix instead of a zlib stack', () => {
    const path = `${file()}.gz`;
    const whole = gzipSync(`${JSON.stringify(record('a'))}\n`);
    writeFileSync(path, whole.subarray(0, whole.length - 6)); // cut copy
    expect(() => readResults(path)).toThrow(ConfigError);
    expect(() => readResults(path)).toThrow(/not a readable gzip file.*gzip -k/);
  });

  it('collects .jsonl and .jsonl.gz from a folder, and refuses a missing path or an empty folder', () => {
    const directory = join(file(), '..', 'shards');
    mkdirSync(directory);
    writeFileSync(join(directory, 'b.jsonl'), '');
    writeFileSync(join(directory, 'a.jsonl.gz'), gzipSync(''));
    writeFileSync(join(directory, 'notes.txt'), 'not results');
    expect(collectResultFiles([directory])).toEqual([
      join(directory, 'a.jsonl.gz'),
      join(directory, 'b.jsonl'),
    ]);
    const missing = join(directory, 'typo.jsonl');
    expect(() => collectResultFiles([missing])).toThrow(ConfigError);
    expect(() => collectResultFiles([missing])).toThrow(new RegExp(`'${missing}' does not exist.*Fix`));
    const empty = join(directory, 'empty');
    mkdirSync(empty);
    expect(() => collectResultFiles([empty])).toThrow(/holds no result files.*Fix/);
  });
});
