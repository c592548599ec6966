import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultRecord } from '../results/result-record';
import { mergeResults, readResults } from '../results/results-file';
import { buildReport, type Report } from './build-report';
import { renderPng } from './render-png';
import { renderSvg } from './render-svg';

/** Result files named on the command line; a folder stands for every `*.jsonl` inside it. */
export function collectResultFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith('.jsonl'))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
}

/** Reads, merges (one record per cell key) and reports on any number of result files. */
export function loadMergedResults(files: readonly string[], warn: (line: string) => void): ResultRecord[] {
  const all: ResultRecord[] = [];
  for (const file of files) {
    const { records, skipped } = readResults(file);
    for (const skip of skipped) warn(`warning: ${file}:${skip.line}: ignored (${skip.reason})`);
    all.push(...records);
  }
  return mergeResults(all);
}

/** Writes report.md, the CSV tables, and every plot as SVG and PNG into `directory`. */
export function writeReport(report: Report, directory: string, options: { png?: boolean } = {}): string[] {
  mkdirSync(directory, { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    writeFileSync(join(directory, name), data);
    written.push(join(directory, name));
  };
  write('report.md', report.markdown);
  for (const [name, text] of Object.entries(report.csv)) write(name, text);
  for (const [stem, spec] of Object.entries(report.plots)) {
    write(`${stem}.svg`, renderSvg(spec));
    if (options.png ?? true) write(`${stem}.png`, renderPng(spec));
  }
  return written;
}

export { buildReport };
