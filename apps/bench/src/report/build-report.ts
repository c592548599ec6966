import type { StreamEvaluation } from '@zerosiam/eval';
import { pooledCorruption } from '../grid/cell';
import type { ResultRecord } from '../results/result-record';
import type { PlotSpec } from './plot-spec';
import { learningRateTable } from './learning-rate-table';
import { predictorDeviationSweeps } from './predictor-deviation-sweep';
import { csvTable, markdownTable, mean, orderedMethods, slug, unique } from './report-utilities';

/** Tables (Markdown + CSV) and plots built from merged result records. */
export interface Report {
  readonly markdown: string;
  /** file name → CSV text */
  readonly csv: Readonly<Record<string, string>>;
  /** file stem → plot */
  readonly plots: Readonly<Record<string, PlotSpec>>;
}

const percent = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '–' : (value * 100).toFixed(1);

interface Group {
  readonly title: string;
  readonly id: string;
  readonly records: ResultRecord[];
}

/**
 * The stream size a record ran at, as the config set it: `--scenario.samplesPerDomain` (0: the
 * whole test split, e.g. `paper-label-shift`'s 10,000) and `steps`.
 */
function streamSize(record: ResultRecord): { readonly title: string; readonly id: string } {
  const { samplesPerDomain, steps } = record.config.scenario;
  const perDomain =
    samplesPerDomain > 0
      ? { title: `${samplesPerDomain} per domain`, id: `n${samplesPerDomain}` }
      : { title: 'whole split per domain', id: 'nall' };
  return steps > 0
    ? { title: `${perDomain.title}, ${steps} steps`, id: `${perDomain.id}-t${steps}` }
    : perDomain;
}

/**
 * One group per preset × scenario × batch size × imbalance ratio: one paper-style table set each.
 * Records of one such group run at different stream sizes (a reduced `--scenario.samplesPerDomain`
 * beside the preset's own) are split by size, never averaged into one number; the size joins the
 * title and id only then, so the file names of single-size reports stay as they were, unless
 * `sizeInTitle` asks for it always (a section that must not share its heading with a run of the
 * same preset at another size, published on the same page).
 */
function groupRecords(records: readonly ResultRecord[], sizeInTitle = false): Group[] {
  const baseOf = (record: ResultRecord) => {
    const { scenario } = record.cell;
    const ir = scenario === 'label-shift' ? `, IR ${record.cell.imbalanceRatio}` : '';
    return {
      title: `${record.config.preset}: ${scenario}, batch size ${record.config.scenario.batchSize}${ir}`,
      id: slug(
        `${record.config.preset}-${scenario}-bs${record.config.scenario.batchSize}${ir ? `-ir${record.cell.imbalanceRatio}` : ''}`,
      ),
    };
  };
  // Base key and size once per record; a base key with several sizes is split by size.
  const keyed = records.map((record) => ({ record, base: baseOf(record), size: streamSize(record) }));
  const sizesOf = new Map<string, Set<string>>();
  for (const { base, size } of keyed) {
    if (!sizesOf.has(base.id)) sizesOf.set(base.id, new Set());
    sizesOf.get(base.id)!.add(size.id);
  }
  const groups = new Map<string, Group>();
  for (const { record, base, size } of keyed) {
    const split = sizeInTitle || sizesOf.get(base.id)!.size > 1;
    const title = split ? `${base.title}, ${size.title}` : base.title;
    const id = split ? `${base.id}-${size.id}` : base.id;
    let group = groups.get(id);
    if (!group) {
      group = { title, id, records: [] };
      groups.set(id, group);
    }
    group.records.push(record);
  }
  return [...groups.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function orderedCorruptions(records: readonly ResultRecord[]): string[] {
  const declared = unique(
    records.flatMap((r) =>
      r.cell.corruption === pooledCorruption ? [pooledCorruption] : r.config.scenario.corruptions,
    ),
  );
  const present = new Set(records.map((r) => r.cell.corruption));
  return [
    ...declared.filter((c) => present.has(c)),
    ...[...present].filter((c) => !declared.includes(c)).sort(),
  ];
}

/** Mean accuracy over seeds of the records matching the filter, or undefined. */
function accuracyOf(
  records: readonly ResultRecord[],
  filter: (r: ResultRecord) => boolean,
): number | undefined {
  const hits = records.filter(filter);
  return hits.length > 0 ? mean(hits.map((r) => r.accuracy)) : undefined;
}

/**
 * Share of collapsed windows, in %, over the evaluations that judged any window; `–` when none did
 * (a stream that never filled a window was not judged, which is not "never collapsed").
 */
function collapsedShare(evaluations: readonly StreamEvaluation[]): string {
  const judged = evaluations
    .filter((o) => o.collapse.windowsChecked > 0)
    .map((o) => o.collapse.windowsCollapsed / o.collapse.windowsChecked);
  return judged.length > 0 ? (mean(judged) * 100).toFixed(1) : '–';
}

/**
 * Mean ECE, in %, over the evaluations that scored labelled samples; `–` when none did. An
 * unlabelled stream (paper-noise's pure noise) has no calibration to report (null since
 * @zerosiam/eval 0.x; older records hold 0, hence the labelled-samples check).
 */
function meanCalibrationPercent(evaluations: readonly StreamEvaluation[]): string {
  const calibration = evaluations
    .filter((o) => o.labeledSamples > 0)
    .map((o) => o.expectedCalibrationError)
    .filter((v): v is number => v !== null);
  return calibration.length > 0 ? (mean(calibration) * 100).toFixed(1) : '–';
}

/**
 * Builds the paper-shaped tables: per group and model, methods × corruptions with the average
 * over corruptions (Tables 2, 3, 4, 6 of the paper), a methods × models summary, and a
 * diagnostics table (calibration, collapse indicators, cost). Accuracy tables contain nothing
 * that depends on timing, so merged shards give the same tables as one unsharded run.
 */
export function buildReport(
  records: readonly ResultRecord[],
  options: {
    title?: string;
    /** Prefix of plot links, e.g. `results/` when the Markdown lives elsewhere. */
    assetPrefix?: string;
    /** Name every group's stream size in its heading and file names, even when there is one size. */
    sizeInTitle?: boolean;
  } = {},
): Report {
  const asset = (name: string) => `${options.assetPrefix ?? ''}${name}`;
  const sections: string[] = [`# ${options.title ?? 'ZeroSiam.js bench results'}`, ''];
  const csv: Record<string, string> = {};
  const plots: Record<string, PlotSpec> = {};
  sections.push(
    "Online top-1 accuracy (%) of the predictions made before each batch's update (blind-spot and noise: frozen accuracy after adaptation). Generated by `pnpm bench report`; every table lists the commands behind it.",
    '',
  );
  for (const group of groupRecords(records, options.sizeInTitle)) {
    const methods = orderedMethods(group.records);
    const corruptions = orderedCorruptions(group.records);
    const models = unique(group.records.map((r) => r.cell.model)).sort();
    const seeds = unique(group.records.map((r) => r.cell.seed)).sort((a, b) => a - b);
    sections.push(`## ${group.title}`, '');
    sections.push(
      `Seeds: ${seeds.join(', ')}. Adaptation stream: ${group.records[0]!.online.samples} samples per cell. Commands:`,
      '',
    );
    for (const command of unique(group.records.map((r) => r.command)).sort()) sections.push(`    ${command}`);
    sections.push('');
    const summaryRows: string[][] = [];
    for (const model of models) {
      const header = ['method', ...corruptions, 'avg'];
      const rows = methods.map((method) => {
        const values = corruptions.map((corruption) =>
          accuracyOf(
            group.records,
            (r) =>
              r.cell.model === model && r.cell.method.label === method && r.cell.corruption === corruption,
          ),
        );
        const present = values.filter((v): v is number => v !== undefined);
        const average = present.length === corruptions.length ? mean(present) : undefined;
        return [method, ...values.map(percent), percent(average)];
      });
      sections.push(`### ${model}`, '', markdownTable(header, rows), '');
      csv[`${group.id}-${slug(model)}.csv`] = csvTable(header, rows);
    }
    for (const method of methods) {
      const perModel = models.map((model) => {
        const values = corruptions.map((corruption) =>
          accuracyOf(
            group.records,
            (r) =>
              r.cell.model === model && r.cell.method.label === method && r.cell.corruption === corruption,
          ),
        );
        return values.every((v) => v !== undefined) ? mean(values as number[]) : undefined;
      });
      const present = perModel.filter((v): v is number => v !== undefined);
      summaryRows.push([
        method,
        ...perModel.map(percent),
        percent(present.length === models.length ? mean(present) : undefined),
      ]);
    }
    if (models.length > 1) {
      const header = ['method', ...models, 'avg'];
      sections.push('### Average over corruptions, per model', '', markdownTable(header, summaryRows), '');
      csv[`${group.id}-summary.csv`] = csvTable(header, summaryRows);
    }
    // Diagnostics: averages over the group's cells per method (timing columns vary run to run).
    // Blind-spot and noise cells also evaluate the adapted model frozen on labelled images: their
    // collapse there is the one the accuracy table reflects.
    const hasFrozen = group.records.some((r) => r.frozen !== undefined);
    const diagnosticsHeader = [
      'method',
      'ECE %',
      'logit norm',
      'center dominance',
      '‖P−I‖ end',
      'collapsed windows %',
      ...(hasFrozen ? ['ECE after %', 'collapsed after %'] : []),
      'fwd/sample',
      'bwd/sample',
      'img/s',
      'peak MB',
    ];
    const diagnosticsRows = methods.map((method) => {
      const hits = group.records.filter((r) => r.cell.method.label === method);
      const online = hits.map((r) => r.online);
      const deviations = online
        .map((o) => o.finalPredictorDeviation)
        .filter((v): v is number => v !== undefined);
      const dominance = online.map((o) => o.meanCenterDominance).filter((v): v is number => v !== null);
      const frozen = hits.flatMap((r) => (r.frozen ? [r.frozen] : []));
      return [
        method,
        meanCalibrationPercent(online),
        mean(online.map((o) => o.meanLogitNorm)).toFixed(2),
        dominance.length > 0 ? mean(dominance).toFixed(3) : '–',
        deviations.length > 0 ? mean(deviations).toFixed(3) : '–',
        collapsedShare(online),
        // The frozen phase's calibration is the one that goes with the accuracy table's number.
        ...(hasFrozen ? [meanCalibrationPercent(frozen), collapsedShare(frozen)] : []),
        mean(online.map((o) => o.forwardPassesPerSample)).toFixed(2),
        mean(online.map((o) => o.backwardPassesPerSample)).toFixed(2),
        mean(online.map((o) => o.imagesPerSecond)).toFixed(0),
        (Math.max(...online.map((o) => o.memory.peakBytes)) / 2 ** 20).toFixed(1),
      ];
    });
    sections.push(
      '### Diagnostics (mean over cells)',
      '',
      markdownTable(diagnosticsHeader, diagnosticsRows),
      '',
    );
    if (group.records.some((r) => r.online.labeledSamples === 0)) {
      sections.push(
        'The adaptation stream is unlabelled (pure noise), so its windows are judged on predictions alone, and even the source model sends noise to one or two classes: there "collapsed windows %" describes how the models see noise, not collapse. Whether adaptation collapsed a model shows in "collapsed after %", the frozen evaluation on labelled images.',
        '',
      );
    }
    csv[`${group.id}-diagnostics.csv`] = csvTable(diagnosticsHeader, diagnosticsRows);
    sections.push(
      '### Learning rates',
      '',
      "The rate each cell ran at, with B of the rule and where it came from (`tuned`: apps/bench/configs/tuned-rates.json for this stream shape; `default`: B = 1e-3 and the method's own multipliers).",
      '',
      learningRateTable(group.records, methods, models),
      '',
    );

    // Time-series plots on the first model, first corruption, first seed.
    const first = (method: string) =>
      group.records.find(
        (r) =>
          r.cell.model === models[0] &&
          r.cell.method.label === method &&
          r.cell.corruption === corruptions[0] &&
          r.cell.seed === seeds[0],
      );
    const seriesOf = (pick: (r: ResultRecord) => readonly (number | null)[], scale = 1) =>
      methods.flatMap((method) => {
        const record = first(method);
        if (!record) return [];
        return [
          {
            name: method,
            x: record.online.series.samples,
            y: pick(record).map((v) => (v === null ? null : v * scale)),
          },
        ];
      });
    const where = `${models[0]}, ${corruptions[0]}`;
    plots[`${group.id}-accuracy`] = {
      title: `Online accuracy along the stream (${where})`,
      xLabel: 'samples seen',
      yLabel: 'cumulative accuracy %',
      series: seriesOf((r) => r.online.series.cumulativeAccuracy, 100),
    };
    plots[`${group.id}-logit-norm`] = {
      title: `Mean logit L2 norm over time (${where})`,
      xLabel: 'samples seen',
      yLabel: 'logit norm',
      series: seriesOf((r) => r.online.series.logitNorm),
    };
    plots[`${group.id}-center-dominance`] = {
      title: `Center dominance over time (${where}; our definition)`,
      xLabel: 'samples seen',
      yLabel: '‖mean u‖ / mean ‖u‖',
      series: seriesOf((r) => r.online.series.centerDominance),
    };
    sections.push(
      `![accuracy](${asset(`${group.id}-accuracy.svg`)}) ![logit norm](${asset(`${group.id}-logit-norm.svg`)}) ![center dominance](${asset(`${group.id}-center-dominance.svg`)})`,
      '',
    );
  }
  // ‖P − I‖ against the imbalance ratio (Fig. 2a), per preset that ran several ratios.
  const sweeps = predictorDeviationSweeps(records, asset);
  sections.push(...sweeps.sections);
  Object.assign(csv, sweeps.csv);
  Object.assign(plots, sweeps.plots);
  return { markdown: `${sections.join('\n')}\n`, csv, plots };
}
