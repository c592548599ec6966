import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { benchRoot } from '../config/bench-root';
import { ConfigError } from '../config/config-error';
import { updateBatchSize } from '../config/update-batch-size';

/** The learning rates chosen for one method on one model. */
export interface TunedMethodRates {
  /** B of the bench rule (its value at batch size ≥ 32). */
  readonly baseLearningRate: number;
  /** ZeroSiam compositions only: the predictor lr multiplier chosen together with B. */
  readonly predictorLearningRateScale?: number;
  /** Mean online accuracy of the winner over the validation corruptions, in [0, 1]. */
  readonly meanAccuracy: number;
  /** How many candidates were compared. */
  readonly candidates: number;
}

/** The weights a tuning run adapted, so a later retrain shows up as a mismatch. */
export interface WeightsProvenance {
  /** `shipped` zoo weights, or `fresh` (seeded init / test fixtures: no file). */
  readonly kind: 'shipped' | 'fresh';
  /** Path relative to the repository root, e.g. `packages/models/weights/resnet20-gn.safetensors`. */
  readonly file?: string;
  readonly sha256?: string;
  readonly bytes?: number;
  /** From the model card: top-1 accuracy on the clean test split, in [0, 1]. */
  readonly cleanTestAccuracy?: number;
  /** From the model card: the date the weights were trained. */
  readonly trainedOn?: string;
}

/** The streams a tuning ran on, shared by every record it selected from. */
export interface TuningStream {
  /** Result records (cells) the selection read for this model. */
  readonly cells: number;
  readonly scenario: string;
  /** The batch size the updates ran at (blind-spot: `scenario.adaptBatchSize`). */
  readonly batchSize: number;
  readonly samplesPerDomain: number;
  readonly steps: number;
  readonly corruptions: readonly string[];
  readonly imbalanceRatios: readonly number[];
  readonly seeds: readonly number[];
}

/** Where one model's entry came from: enough to rerun the tuning and check it. */
export interface TuningProvenance extends TuningStream {
  /** The selection command and when it ran. */
  readonly command: string;
  readonly selectedAt: string;
  /** The commands that produced the result records (one per shard or worker). */
  readonly runCommands: readonly string[];
  readonly resultFiles: readonly string[];
  readonly weights: WeightsProvenance;
}

/** One tuning run's choice for one model: valid only on the stream shape in its provenance. */
export interface TunedModelRates {
  readonly provenance: TuningProvenance;
  /** Method registry id (`tent`, `deyo+come`, `zerosiam`) → its rates. */
  readonly methods: Readonly<Record<string, TunedMethodRates>>;
}

/** apps/bench/configs/tuned-rates.json: written by `select-rates`, read by the learning-rate rule. */
export interface TunedRates {
  readonly format: typeof tunedRatesFormat;
  readonly about?: string;
  /**
   * Model id → one entry per tuned stream shape (scenario, batch size, samplesPerDomain, steps),
   * sorted by shape; a stream with no entry of its shape uses B = 1e-3.
   */
  readonly models: Readonly<Record<string, readonly TunedModelRates[]>>;
}

export const tunedRatesFormat = 'zerosiam-bench/tuned-rates/v2';
/** v1 held one entry per model; it is read as a one-shape v2 table. */
const tunedRatesFormatV1 = 'zerosiam-bench/tuned-rates/v1';

/** A table with no entries: every method falls back to B = 1e-3 and its own multipliers. */
export const emptyTunedRates: TunedRates = Object.freeze({ format: tunedRatesFormat, models: {} });

/** The committed table, apps/bench/configs/tuned-rates.json. */
export function tunedRatesPath(): string {
  return join(benchRoot(), 'configs', 'tuned-rates.json');
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Checks the parts of a tuned-rates file that the rule reads (format, B, multipliers); the
 * provenance is kept as written. Errors name the file, the entry, what was expected and the fix.
 */
export function parseTunedRates(text: string, path: string): TunedRates {
  const fail = (where: string, expected: string, received: unknown) =>
    new ConfigError(
      `${path}: ${where} must be ${expected}, but received ${JSON.stringify(received)}. Fix: regenerate the file with 'pnpm bench select-rates results/tune.jsonl' (do not edit it by hand).`,
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(
      `${path} is not valid JSON (${(cause as Error).message}). Fix: restore it from git or regenerate it with 'pnpm bench select-rates results/tune.jsonl'.`,
    );
  }
  if (!isRecord(data)) throw fail('the file', 'a JSON object', data);
  const v1 = data.format === tunedRatesFormatV1;
  if (data.format !== tunedRatesFormat && !v1)
    throw fail("'format'", `'${tunedRatesFormat}' (or the older '${tunedRatesFormatV1}')`, data.format);
  if (!isRecord(data.models)) throw fail("'models'", 'an object keyed by model id', data.models);
  const models: Record<string, TunedModelRates[]> = {};
  for (const [model, value] of Object.entries(data.models)) {
    if (!v1 && !Array.isArray(value))
      throw fail(`models['${model}']`, 'an array of entries, one per tuned stream shape', value);
    const entries: unknown[] = v1 ? [value] : (value as unknown[]);
    entries.forEach((entry, index) => {
      const at = v1 ? `models['${model}']` : `models['${model}'][${index}]`;
      if (!isRecord(entry) || !isRecord(entry.methods) || !isRecord(entry.provenance))
        throw fail(at, 'an object with provenance and methods', entry);
      for (const [method, rates] of Object.entries(entry.methods)) {
        const where = `${at}.methods['${method}']`;
        if (!isRecord(rates)) throw fail(where, 'an object', rates);
        const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;
        if (!positive(rates.baseLearningRate))
          throw fail(`${where}.baseLearningRate`, 'a number > 0', rates.baseLearningRate);
        if (rates.predictorLearningRateScale !== undefined && !positive(rates.predictorLearningRateScale))
          throw fail(
            `${where}.predictorLearningRateScale`,
            'a number > 0 or absent',
            rates.predictorLearningRateScale,
          );
      }
    });
    // Two entries of one shape would make the lookup depend on file order.
    const shapes = entries.map((entry) => shapeLabel((entry as unknown as TunedModelRates).provenance));
    const repeated = shapes.find((shape, index) => shapes.indexOf(shape) !== index);
    if (repeated !== undefined)
      throw fail(`models['${model}']`, 'at most one entry per stream shape', `two entries for ${repeated}`);
    models[model] = entries as TunedModelRates[];
  }
  return {
    format: tunedRatesFormat,
    ...(typeof data.about === 'string' ? { about: data.about } : {}),
    models,
  };
}

const cache = new Map<string, TunedRates>();

/** Reads (once per process) a tuned-rates file; a missing file is an empty table. */
export function readTunedRates(path: string = tunedRatesPath()): TunedRates {
  let rates = cache.get(path);
  if (!rates) {
    rates = existsSync(path) ? parseTunedRates(readFileSync(path, 'utf8'), path) : emptyTunedRates;
    cache.set(path, rates);
  }
  return rates;
}

/** Writes the table as stable, diff-friendly JSON (two-space indent, trailing newline). */
export function writeTunedRates(path: string, rates: TunedRates): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(rates, null, 2)}\n`);
  cache.delete(path);
}

/** The stream settings a tuned entry is valid for. */
export interface TunedStreamKey {
  readonly scenario: string;
  readonly batchSize: number;
  readonly samplesPerDomain: number;
  readonly steps: number;
}

const streamFields = ['scenario', 'batchSize', 'samplesPerDomain', 'steps'] as const;

/**
 * The stream key of a config's scenario. Its batch size is the one the updates run at (blind-spot:
 * `adaptBatchSize`), so rates tuned at batch size 1 never apply to a blind-spot run adapting at 64.
 */
export function streamKeyOf(scenario: {
  readonly name: string;
  readonly batchSize: number;
  readonly adaptBatchSize: number;
  readonly samplesPerDomain: number;
  readonly steps: number;
}): TunedStreamKey {
  return {
    scenario: scenario.name,
    batchSize: updateBatchSize(scenario),
    samplesPerDomain: scenario.samplesPerDomain,
    steps: scenario.steps,
  };
}

/**
 * `label-shift, batch 64, 640 per domain, 640 steps`: how logs and errors name a stream shape. The zeros
 * of the config are named for what they mean (as the report titles them): samplesPerDomain 0 is the
 * whole split, steps 0 the stream's default length.
 */
export function shapeLabel(stream: Partial<TunedStreamKey>): string {
  const samples =
    stream.samplesPerDomain === 0
      ? 'whole split per domain'
      : `${String(stream.samplesPerDomain)} per domain`;
  const steps = stream.steps === 0 ? 'default steps' : `${String(stream.steps)} steps`;
  return `${String(stream.scenario)}, batch ${String(stream.batchSize)}, ${samples}, ${steps}`;
}

/** Orders entries by scenario, then batch size, samplesPerDomain and steps (stable files, stable logs). */
export function compareShapes(a: TunedStreamKey, b: TunedStreamKey): number {
  for (const field of streamFields) {
    const x = a[field];
    const y = b[field];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Why an entry exists but does not apply to `stream` (undefined when it applies). */
export function tunedStreamMismatch(provenance: TuningStream, stream: TunedStreamKey): string | undefined {
  const differing = streamFields.filter((field) => provenance[field] !== stream[field]);
  if (differing.length === 0) return undefined;
  return differing
    .map((field) => `${field} ${String(stream[field])} (tuned on ${String(provenance[field])})`)
    .join(', ');
}

/** The entries of `model` (one per tuned stream shape), empty when it has none. */
export function tunedEntriesOf(rates: TunedRates, model: string): readonly TunedModelRates[] {
  return Object.hasOwn(rates.models, model) ? (rates.models[model] ?? []) : [];
}

/** The entry of `model` tuned on exactly this stream shape, if any. */
export function tunedEntryFor(
  rates: TunedRates,
  model: string,
  stream: TunedStreamKey,
): TunedModelRates | undefined {
  return tunedEntriesOf(rates, model).find(
    (entry) => tunedStreamMismatch(entry.provenance, stream) === undefined,
  );
}

/**
 * The tuned rates of `method` on `model` for `stream`, or undefined. Only an entry tuned on the
 * same scenario, batch size and stream length applies: rates chosen on 10-step streams made
 * ZeroSiam collapse on a 10,000-sample stream (docs/results-long-stream.md), so they must not leak
 * into longer protocols. A model may hold one entry per shape (a `tune` run per protocol).
 */
export function tunedRatesFor(
  rates: TunedRates,
  model: string,
  method: string,
  stream: TunedStreamKey,
): TunedMethodRates | undefined {
  const entry = tunedEntryFor(rates, model, stream);
  if (!entry || !Object.hasOwn(entry.methods, method)) return undefined;
  return entry.methods[method];
}
