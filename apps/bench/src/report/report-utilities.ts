import type { ResultRecord } from '../results/result-record';

/** Helpers shared by the report's sections. */

export const mean = (values: readonly number[]) =>
  values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
export const slug = (text: string) =>
  text
    .replace(/[^a-zA-Z0-9.+-]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
export const unique = <T>(values: readonly T[]) => [...new Set(values)];

/** Method labels in the order the configs declared them, then any others sorted. */
export function orderedMethods(records: readonly ResultRecord[]): string[] {
  const declared = unique(records.flatMap((r) => r.config.methods));
  const present = new Set(records.map((r) => r.cell.method.label));
  return [
    ...declared.filter((m) => present.has(m)),
    ...[...present].filter((m) => !declared.includes(m)).sort(),
  ];
}

/** A Markdown table: the first column left-aligned, the others right-aligned (numbers) unless `textColumns`. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { readonly textColumns?: boolean } = {},
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, i) => (i === 0 || options.textColumns ? '---' : '---:'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

export function csvTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return `${[header, ...rows].map((row) => row.map(cell).join(',')).join('\n')}\n`;
}
