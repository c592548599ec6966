import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Progress } from '../cli/progress';
import { ConfigError } from '../config/config-error';
import { collectResultFiles, loadMergedResults } from '../report/write-report';
import { describeWeights } from '../run/weights-provenance';
import { formatRateSelection } from '../tune/format-rate-selection';
import { selectRates } from '../tune/select-rates';
import {
  compareShapes,
  emptyTunedRates,
  parseTunedRates,
  shapeLabel,
  type TunedModelRates,
  type TunedRates,
  tunedRatesFormat,
  tunedRatesPath,
  type WeightsProvenance,
  writeTunedRates,
} from '../tune/tuned-rates';

export const selectRatesFlags = ['out', 'markdown', 'dry-run', 'json', 'help'];

export interface SelectRatesResult {
  /** The table as written (or, with --dry-run, as it would be written). */
  readonly tunedRates: TunedRates;
  readonly markdown: string;
  readonly written: readonly string[];
}

const about =
  "Learning rates chosen on the 4 validation corruptions by `pnpm bench select-rates results/tune.jsonl` after `pnpm bench tune`; read by the bench rule when method.baseLearningRate is 'tuned' (the default). Regenerate, do not edit by hand (docs/bench.md, learning rates).";

/**
 * `select-rates <files|folders…>`: reads tuning results, picks each method's learning rates on
 * the validation corruptions (refusing anything else), prints the Markdown table of candidates,
 * writes it beside the report, and replaces the entries of the tuned models in the tuned-rates
 * file (other models' entries are kept).
 */
export async function selectRatesCommand(
  positionals: readonly string[],
  flags: ReadonlyMap<string, string | true>,
  context: { readonly command: string; readonly progress: Progress },
): Promise<SelectRatesResult> {
  if (positionals.length === 0)
    throw new ConfigError(
      "'select-rates' needs the tuning results, e.g. pnpm bench select-rates results/tune.jsonl",
    );
  const files = collectResultFiles(positionals);
  const records = loadMergedResults(files, (line) => context.progress.log(line));
  const selections = selectRates(records);

  const weights = new Map<string, WeightsProvenance | undefined>();
  for (const selection of selections) {
    let provenance = selection.weights;
    if (provenance === undefined) {
      const first = records.find((record) => record.cell.model === selection.model)!;
      provenance = await describeWeights(selection.model, first.config);
      context.progress.log(
        `warning: the records of ${selection.model} do not name their weights (older bench); recording the current file instead (sha256 ${provenance.sha256 ?? 'n/a'})`,
      );
    }
    weights.set(selection.model, provenance);
  }

  const outFlag = flags.get('out');
  const out = typeof outFlag === 'string' ? outFlag : tunedRatesPath();
  const previous = existsSync(out) ? parseTunedRates(readFileSync(out, 'utf8'), out) : emptyTunedRates;
  const models: Record<string, readonly TunedModelRates[]> = { ...previous.models };
  const selectedAt = new Date().toISOString();
  for (const selection of selections) {
    // One entry per stream shape: this run replaces the entry of its own shape and keeps the others.
    const earlier = previous.models[selection.model] ?? [];
    const replaced = earlier.find((entry) => compareShapes(entry.provenance, selection) === 0);
    const dropped = Object.keys(replaced?.methods ?? {}).filter(
      (method) => !selection.methods.some((m) => m.method === method),
    );
    if (dropped.length > 0)
      context.progress.log(
        `note: ${selection.model} (${shapeLabel(selection)}): dropping the old entries of ${dropped.join(', ')} (not in these results); each shape's entry comes from one tuning run`,
      );
    const kept = earlier.filter((entry) => entry !== replaced);
    if (kept.length > 0)
      context.progress.log(
        `note: ${selection.model}: keeping the entries tuned on other streams (${kept.map((entry) => shapeLabel(entry.provenance)).join('; ')})`,
      );
    const entry: TunedModelRates = {
      provenance: {
        command: context.command,
        selectedAt,
        runCommands: selection.runCommands,
        resultFiles: files,
        cells: selection.cells,
        scenario: selection.scenario,
        batchSize: selection.batchSize,
        samplesPerDomain: selection.samplesPerDomain,
        steps: selection.steps,
        corruptions: selection.corruptions,
        imbalanceRatios: selection.imbalanceRatios,
        seeds: selection.seeds,
        weights: weights.get(selection.model)!,
      },
      methods: Object.fromEntries(
        selection.methods.map(({ method, winner, candidates }) => [
          method,
          {
            baseLearningRate: winner.baseLearningRate,
            ...(winner.predictorLearningRateScale !== null
              ? { predictorLearningRateScale: winner.predictorLearningRateScale }
              : {}),
            meanAccuracy: winner.meanAccuracy,
            candidates: candidates.length,
          },
        ]),
      ),
    };
    models[selection.model] = [...kept, entry].sort((a, b) => compareShapes(a.provenance, b.provenance));
  }
  const tunedRates: TunedRates = { format: tunedRatesFormat, about, models };
  const markdown = formatRateSelection(selections, { command: context.command, weights });

  const written: string[] = [];
  if (!flags.has('dry-run')) {
    writeTunedRates(out, tunedRates);
    written.push(out);
    const markdownFlag = flags.get('markdown');
    const markdownPath =
      typeof markdownFlag === 'string' ? markdownFlag : join(records[0]!.config.reportDir, 'tuned-rates.md');
    mkdirSync(dirname(markdownPath), { recursive: true });
    writeFileSync(markdownPath, markdown);
    written.push(markdownPath);
  }
  return { tunedRates, markdown, written };
}
