import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { ConfigError } from '../config/config-error';
import type { ResultRecord } from '../results/result-record';
import { mergeResults, readResults } from '../results/results-file';
import { buildReport, type Report } from './build-report';
import { renderPng } from './render-png';
import { renderSvg } from './render-svg';

const isResultFileName = (name: string) => name.endsWith('.jsonl') || name.endsWith('.jsonl.gz');

/**
 * Result files named on the command line; a folder stands for every `*.jsonl` and `*.jsonl.gz`
 * inside it. A path that does not exist, or a folder with no result file, is an error: reading
 * nothing from a mistyped path would report on fewer cells than asked for.
 */
export function collectResultFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    if (!existsSync(path))
      throw new ConfigError(
        `Result file or folder '${path}' does not exist. Expected a results file written by a grid (its --output, e.g. results/quick.jsonl), a gzipped copy (.jsonl.gz) or a folder of them. Fix: check the path, or run the grid that writes it first.`,
      );
    if (!statSync(path).isDirectory()) return [path];
    const files = readdirSync(path).filter(isResultFileName).sort();
    if (files.length === 0)
      throw new ConfigError(
        `Folder '${path}' holds no result files (*.jsonl or *.jsonl.gz). Fix: pass the folder the grid wrote its --output into, or name the files.`,
      );
    return files.map((name) => join(path, name));
  });
}

/**
 * The plot-link prefix for a Markdown copy of a report written to `markdownFile` while its plots
 * live in `outDirectory`: links are relative to where the Markdown sits (`results/paper/`, or ''
 * beside it).
 */
export function assetPrefixFor(markdownFile: string, outDirectory: string): string {
  const prefix = relative(dirname(markdownFile), outDirectory).split(sep).join('/');
  return prefix ? `${prefix}/` : '';
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

/**
 * Writes report.md, the CSV tables, and every plot as SVG and PNG into `directory`. `markdown: false`
 * leaves report.md out, for `report --markdown=FILE`: the page then lives at FILE only, and no
 * second copy of it goes stale beside its plots.
 */
export function writeReport(
  report: Report,
  directory: string,
  options: { png?: boolean; markdown?: boolean } = {},
): string[] {
  mkdirSync(directory, { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    writeFileSync(join(directory, name), data);
    written.push(join(directory, name));
  };
  if (options.markdown ?? true) write('report.md', report.markdown);
  for (const [name, text] of Object.entries(report.csv)) write(name, text);
  for (const [stem, spec] of Object.entries(report.plots)) {
    write(`${stem}.svg`, renderSvg(spec));
    if (options.png ?? true) write(`${stem}.png`, renderPng(spec));
  }
  return written;
}

export { buildReport };
