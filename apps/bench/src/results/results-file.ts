import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  fstatSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ConfigError } from '../config/config-error';
import type { ResultRecord } from './result-record';

/** What reading a results file found. */
export interface ReadResults {
  readonly records: ResultRecord[];
  /** Lines that were not valid records (a half-written last line after a kill), with line numbers. */
  readonly skipped: readonly { readonly line: number; readonly reason: string }[];
}

/** True for a gzipped results file (`*.jsonl.gz`): the form the published pages' results are committed in. */
export function isGzippedResults(path: string): boolean {
  return path.endsWith('.gz');
}

/** The file's text; a `.gz` file is gunzipped whole (a grid never appends to one). */
function readText(path: string): string {
  if (!isGzippedResults(path)) return readFileSync(path, 'utf8');
  try {
    return gunzipSync(readFileSync(path)).toString('utf8');
  } catch (error) {
    throw new ConfigError(
      `Results file ${path} is not a readable gzip file (${(error as Error).message}). Expected the output of \`gzip\` on a zerosiam-bench .jsonl file. Fix: re-create it with \`gzip -k <file>.jsonl\`, or pass the plain .jsonl file.`,
    );
  }
}

/**
 * Reads an append-only JSON-lines results file, plain or gzipped (`.jsonl.gz`). A line that does
 * not parse (typically the last one, cut by a kill) is skipped and reported; it never hides the
 * lines before or after it. A file that does not exist holds no records (a grid's first run).
 */
export function readResults(path: string): ReadResults {
  if (!existsSync(path)) return { records: [], skipped: [] };
  const records: ResultRecord[] = [];
  const skipped: { line: number; reason: string }[] = [];
  const lines = readText(path).split('\n');
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    try {
      const record = JSON.parse(text) as ResultRecord;
      if (record.format !== 'zerosiam-bench/v1' || typeof record.key !== 'string') {
        skipped.push({ line: index + 1, reason: 'not a zerosiam-bench/v1 record' });
        return;
      }
      records.push(record);
    } catch {
      skipped.push({
        line: index + 1,
        reason: index === lines.length - 1 ? 'truncated last line (interrupted write)' : 'invalid JSON',
      });
    }
  });
  return { records, skipped };
}

/** True when the file is non-empty and does not end with a newline (a cut last line). */
function endsWithoutNewline(path: string): boolean {
  if (!existsSync(path)) return false;
  const descriptor = openSync(path, 'r');
  try {
    const size = fstatSync(descriptor).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(descriptor, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Appends one record as a single line in one write (O_APPEND), so concurrent shards writing the
 * same file interleave whole lines. A cut last line left by a kill is closed off with a newline
 * first: it stays in the file as one skipped line, and the new record starts cleanly.
 */
export function appendResult(path: string, record: ResultRecord): void {
  mkdirSync(dirname(path), { recursive: true });
  const prefix = endsWithoutNewline(path) ? '\n' : '';
  appendFileSync(path, `${prefix}${JSON.stringify(record)}\n`);
}

/**
 * Merges records from many files, one per preset and key; when a cell repeats within a preset, the
 * latest `finishedAt` wins. The preset is part of the identity because two presets can run the very
 * same cell (`imbalance-sweep` at IR 500000 and `ablation-predictor` both run `tent` and `zerosiam` on
 * the same stream): the report groups by preset, and keeping only one copy would drop the row from
 * the other preset's table.
 */
export function mergeResults(records: readonly ResultRecord[]): ResultRecord[] {
  const identity = (record: ResultRecord) => `${record.config.preset}\u0000${record.key}`;
  const byCell = new Map<string, ResultRecord>();
  for (const record of records) {
    const previous = byCell.get(identity(record));
    if (!previous || record.finishedAt > previous.finishedAt) byCell.set(identity(record), record);
  }
  return [...byCell.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, record]) => record);
}
