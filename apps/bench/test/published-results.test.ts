import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchRoot } from '../src/config/bench-root';
import { buildReport } from '../src/report/build-report';
import { renderSvg } from '../src/report/render-svg';
import { assetPrefixFor, loadMergedResults } from '../src/report/write-report';

/**
 * The committed result files behind the results pages (decision 0006) must regenerate what the
 * pages show: every `##` section that `report` builds from a generated entry's files appears
 * verbatim on its page, and its CSV tables and SVG plots equal the committed ones. A page edited by
 * hand, a table spliced from another run, or a report change that alters a published table fails
 * here. A quoted entry (a run the page's notes cite, with no table of its own) must be readable
 * and named on its page.
 */
interface ManifestEntry {
  /** The page, relative to the repository root, e.g. `docs/results-paper.md`. */
  readonly page: string;
  /** The report's `--out` folder (CSV tables and plots), relative to the repository root; absent for a quoted run. */
  readonly out?: string;
  /** Result files in `docs/results/data/`, merged into one report. */
  readonly files: readonly string[];
  /** The section was built with `report --size-in-title` (its heading names the stream size). */
  readonly sizeInTitle?: boolean;
}

const root = join(benchRoot(), '..', '..');
const dataDirectory = join(root, 'docs', 'results', 'data');
const manifest = JSON.parse(readFileSync(join(dataDirectory, 'manifest.json'), 'utf8')) as {
  readonly entries: readonly ManifestEntry[];
};

/** `## …` sections of a generated report, without the `# title` preamble. */
const sectionsOf = (markdown: string) =>
  markdown
    .split(/\n(?=## )/)
    .slice(1)
    .map((section) => section.trimEnd());

describe('published result files (docs/results/data)', () => {
  it('lists every committed file once, and every listed file exists', () => {
    const committed = readdirSync(dataDirectory)
      .filter((name) => name.endsWith('.jsonl.gz'))
      .sort();
    const listed = manifest.entries.flatMap((entry) => entry.files).sort();
    expect(listed).toEqual(committed);
    expect(new Set(listed).size).toBe(listed.length);
  });

  for (const entry of manifest.entries) {
    const what = entry.out ? 'regenerates its sections of' : 'is readable and cited on';
    it(`${entry.files.join(' + ')} ${what} ${entry.page}`, () => {
      const warnings: string[] = [];
      const records = loadMergedResults(
        entry.files.map((file) => join(dataDirectory, file)),
        (line) => warnings.push(line),
      );
      expect(warnings).toEqual([]);
      expect(records.length).toBeGreaterThan(0);
      const page = join(root, entry.page);
      const text = readFileSync(page, 'utf8');
      // The page's reproduce command names every file it was generated from.
      for (const file of entry.files)
        expect(
          text.includes(`docs/results/data/${file}`),
          `${entry.page} does not name docs/results/data/${file}`,
        ).toBe(true);
      if (!entry.out) return;
      const out = join(root, entry.out);
      // The prefix `report --markdown=<page>` would write, so the sections compare verbatim.
      const report = buildReport(records, {
        assetPrefix: assetPrefixFor(page, out),
        sizeInTitle: entry.sizeInTitle ?? false,
      });
      const sections = sectionsOf(report.markdown);
      expect(sections.length).toBeGreaterThan(0);
      for (const section of sections) {
        // The heading first, so a failure names the section; then the whole text.
        const heading = section.split('\n')[0]!;
        expect(text.includes(`${heading}\n`), `${entry.page} lacks the section '${heading}'`).toBe(true);
        expect(text.includes(section), `${entry.page}: '${heading}' differs from what report builds`).toBe(
          true,
        );
      }
      for (const [name, csv] of Object.entries(report.csv)) {
        expect(readFileSync(join(out, name), 'utf8'), `${entry.out}/${name}`).toBe(csv);
      }
      for (const [stem, spec] of Object.entries(report.plots)) {
        const svg = join(out, `${stem}.svg`);
        expect(existsSync(svg), `${entry.out}/${stem}.svg`).toBe(true);
        expect(readFileSync(svg, 'utf8'), `${entry.out}/${stem}.svg`).toBe(renderSvg(spec));
      }
    });
  }
});
