import { expect } from 'vitest';

/** The cells of one Markdown table row, trimmed: `| a | b |` → ['a', 'b']. */
const cellsOf = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());

/**
 * The first Markdown table after the first line equal to `heading` (e.g. `### Diagnostics (mean over
 * cells)`): its header and its rows keyed by the first cell (the method label).
 */
export function tableUnder(
  markdown: string,
  heading: string,
): { header: string[]; rows: Map<string, string[]>; column: (name: string) => Map<string, string> } {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `no '${heading}' in the report`).toBeGreaterThanOrEqual(0);
  const first = lines.findIndex((line, index) => index > start && line.startsWith('| '));
  const end = lines.findIndex((line, index) => index > first && !line.startsWith('| '));
  const [header, , ...body] = lines.slice(first, end === -1 ? undefined : end).map(cellsOf);
  const rows = new Map(body.map((cells) => [cells[0]!, cells] as const));
  return {
    header: header!,
    rows,
    column(name) {
      const index = header!.indexOf(name);
      expect(index, `no '${name}' column under '${heading}'`).toBeGreaterThan(0);
      return new Map([...rows].map(([label, cells]) => [label, cells[index]!] as const));
    },
  };
}

export const diagnosticsHeading = '### Diagnostics (mean over cells)';
