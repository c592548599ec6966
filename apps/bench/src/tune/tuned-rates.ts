import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { benchRoot } from '../config/bench-root';
import { ConfigError } from '../config/config-error';

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

export interface TunedModelRates {
  readonly provenance: TuningProvenance;
  /** Method registry id (`tent`, `deyo+come`, `zerosiam`) → its rates. */
  readonly methods: Readonly<Record<string, TunedMethodRates>>;
}

/** apps/bench/configs/tuned-rates.json: written by `select-rates`, read by the learning-rate rule. */
export interface TunedRates {
  readonly format: 'zerosiam-bench/tuned-rates/v1';
  readonly about?: string;
  /** Model id → its tuned entry; a model without an entry uses B = 1e-3. */
  readonly models: Readonly<Record<string, TunedModelRates>>;
}

export const tunedRatesFormat = 'zerosiam-bench/tuned-rates/v1';

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
  if (data.format !== tunedRatesFormat) throw fail("'format'", `'${tunedRatesFormat}'`, data.format);
  if (!isRecord(data.models)) throw fail("'models'", 'an object keyed by model id', data.models);
  for (const [model, entry] of Object.entries(data.models)) {
    if (!isRecord(entry) || !isRecord(entry.methods) || !isRecord(entry.provenance))
      throw fail(`models['${model}']`, 'an object with provenance and methods', entry);
    for (const [method, rates] of Object.entries(entry.methods)) {
      const where = `models['${model}'].methods['${method}']`;
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
  }
  return data as unknown as TunedRates;
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

/** The entry of `method` on `model`, if the table has one. */
/** The stream settings a tuned entry is valid for. */
export interface TunedStreamKey {
  readonly scenario: string;
  readonly batchSize: number;
  readonly samplesPerDomain: number;
  readonly steps: number;
}

/** The stream key of a config's scenario. */
export function streamKeyOf(scenario: {
  readonly name: string;
  readonly batchSize: number;
  readonly samplesPerDomain: number;
  readonly steps: number;
}): TunedStreamKey {
  return {
    scenario: scenario.name,
    batchSize: scenario.batchSize,
    samplesPerDomain: scenario.samplesPerDomain,
    steps: scenario.steps,
  };
}

/** Why an entry exists but does not apply to `stream` (undefined when it applies). */
export function tunedStreamMismatch(provenance: TuningStream, stream: TunedStreamKey): string | undefined {
  const fields = ['scenario', 'batchSize', 'samplesPerDomain', 'steps'] as const;
  const differing = fields.filter((field) => provenance[field] !== stream[field]);
  if (differing.length === 0) return undefined;
  return differing
    .map((field) => `${field} ${String(stream[field])} (tuned on ${String(provenance[field])})`)
    .join(', ');
}

/**
 * The tuned rates of `method` on `model`, or undefined. With `stream`, only an entry tuned on the same
 * scenario, batch size and stream length applies: rates chosen on 10-step streams made ZeroSiam
 * collapse on a 10,000-sample stream (docs/results-long-stream.md), so they must not leak into longer
 * protocols.
 */
export function tunedRatesFor(
  rates: TunedRates,
  model: string,
  method: string,
  stream?: TunedStreamKey,
): TunedMethodRates | undefined {
  const entry = Object.hasOwn(rates.models, model) ? rates.models[model] : undefined;
  if (!entry || !Object.hasOwn(entry.methods, method)) return undefined;
  if (stream !== undefined && tunedStreamMismatch(entry.provenance, stream) !== undefined) return undefined;
  return entry.methods[method];
}
