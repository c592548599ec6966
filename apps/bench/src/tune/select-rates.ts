import { VALIDATION_CORRUPTIONS } from '@zerosiam/streams';
import { ConfigError } from '../config/config-error';
import { updateBatchSize } from '../config/update-batch-size';
import { corruptionsOfCell, pooledCorruption } from '../grid/cell';
import type { ResultRecord } from '../results/result-record';
import { domainName } from '../run/domain-name';
import type { TuningStream, WeightsProvenance } from './tuned-rates';

/** One learning-rate setting of one method, scored on the validation corruptions. */
export interface RateCandidate {
  /** B of the rule. */
  readonly baseLearningRate: number;
  /** ZeroSiam compositions: the predictor multiplier that ran; null for the other methods. */
  readonly predictorLearningRateScale: number | null;
  /** Corruption → online accuracy, mean over seeds and imbalance ratios, in [0, 1]. */
  readonly accuracyByCorruption: Readonly<Record<string, number>>;
  /** Mean of `accuracyByCorruption` over the validation corruptions: what the selection ranks. */
  readonly meanAccuracy: number;
  /** The method entries behind it, e.g. `tent[baseLearningRate=0.001]`. */
  readonly labels: readonly string[];
}

export interface MethodSelection {
  /** Registry id (`tent`, `deyo+come`, `zerosiam`). */
  readonly method: string;
  /** Ordered by B, then predictor multiplier, ascending. */
  readonly candidates: readonly RateCandidate[];
  /** The best mean; on a tie the candidate listed first (the smaller rate). */
  readonly winner: RateCandidate;
}

/** The selection for one model, with the facts its provenance needs. */
export interface ModelSelection extends TuningStream {
  readonly model: string;
  /** The weights every record of this model adapted; undefined when the records predate weights hashes. */
  readonly weights: WeightsProvenance | undefined;
  readonly runCommands: readonly string[];
  readonly methods: readonly MethodSelection[];
}

/** Method-entry options a tuning cell may set: the two it tunes. */
const tunableOptions = new Set(['baseLearningRate', 'predictorLearningRateScale']);
const validation: readonly string[] = VALIDATION_CORRUPTIONS;
/** Accuracy differences below this are float noise, so the smaller rate wins them. */
const tieTolerance = 1e-12;

const fix =
  "Fix: run the tuning preset unchanged ('pnpm bench tune', output results/tune.jsonl) and select from its file alone.";
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const sorted = <T>(values: Iterable<T>) => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const corruptionsOf = (record: ResultRecord) =>
  corruptionsOfCell(record.cell.corruption, record.config.scenario.corruptions);

/**
 * A record's online accuracy on one corruption: the whole stream's, or for a mixed stream that
 * corruption's domain within it; undefined when the stream did not draw from it.
 */
function accuracyOn(record: ResultRecord, corruption: string): number | undefined {
  if (record.cell.corruption !== pooledCorruption)
    return record.cell.corruption === corruption ? record.accuracy : undefined;
  const name = domainName(corruption, record.config.scenario.severity);
  const domain = record.online.accuracyByDomain[name];
  if (domain === undefined && record.config.scenario.corruptions.includes(corruption))
    throw new ConfigError(
      `Record '${record.key}' pooled ${corruption} but its online evaluation has no domain '${name}': expected accuracyByDomain to hold every pooled corruption, received ${Object.keys(record.online.accuracyByDomain).join(', ') || 'none'}. ${fix}`,
    );
  return domain?.accuracy;
}

/**
 * Test corruptions are never tuned on: any record whose stream drew from a corruption outside the
 * 4 validation ones is refused, a mixed stream included (it must pool the validation ones only).
 */
function refuseTestCorruptions(records: readonly ResultRecord[]): void {
  const outside = new Map<string, number>();
  for (const record of records)
    for (const corruption of corruptionsOf(record))
      if (!validation.includes(corruption)) outside.set(corruption, (outside.get(corruption) ?? 0) + 1);
  if (outside.size === 0) return;
  const found = [...outside].map(([name, count]) => `${name} (${count} records)`).join(', ');
  throw new ConfigError(
    `Learning rates are chosen on the validation corruptions only: expected records on ${validation.join(', ')}, but received records on ${found}. Tuning on test corruptions would leak the test set into the rates. ${fix}`,
  );
}

/** The candidate a record belongs to, after checking that it is a tuning cell of the rule. */
function candidateOf(record: ResultRecord): {
  baseLearningRate: number;
  predictorLearningRateScale: number | null;
} {
  const plan = record.cell.learningRates as ResultRecord['cell']['learningRates'] | undefined;
  if (plan === undefined)
    throw new ConfigError(
      `Record '${record.key}' has no cell.learningRates: expected a record written by this bench version, received one from an older bench. Fix: re-run 'pnpm bench tune' (new cell keys, nothing is skipped) and select from its output.`,
    );
  if (plan.learningRateFrom !== 'rule' || plan.baseLearningRate === null)
    throw new ConfigError(
      `Record '${record.key}' ran at lr ${plan.learningRate} set by ${plan.learningRateFrom === 'config' ? 'method.learningRate' : "the entry's learningRate option"}: expected the learning-rate rule (B from baseLearningRate), because B is what the selection stores. Fix: set B with 'method[baseLearningRate=…]' entries, as the tune preset does, and leave method.learningRate null.`,
    );
  const extra = Object.keys(record.cell.method.options).filter((key) => !tunableOptions.has(key));
  if (extra.length > 0)
    throw new ConfigError(
      `Record '${record.key}' (method entry '${record.cell.method.label}') sets ${extra.join(', ')}: expected entries that differ only in baseLearningRate and predictorLearningRateScale, because the chosen rates are stored for the plain method '${record.cell.method.name}'. ${fix}`,
    );
  return {
    baseLearningRate: plan.baseLearningRate,
    predictorLearningRateScale: plan.predictorLearningRateScale,
  };
}

/** The one value every record shares, or a ConfigError naming the values that differ. */
function shared<T>(records: readonly ResultRecord[], what: string, read: (record: ResultRecord) => T): T {
  const values = sorted(records.map((record) => JSON.stringify(read(record))));
  if (values.length !== 1)
    throw new ConfigError(
      `The records of model '${records[0]!.cell.model}' mix ${what}: expected one value, received ${values.join(', ')}. ${fix}`,
    );
  return JSON.parse(values[0]!) as T;
}

function selectForModel(model: string, records: readonly ResultRecord[]): ModelSelection {
  const scenario = shared(records, 'scenarios', (r) => r.cell.scenario);
  // The batch size the updates ran at, the one a tuned entry is keyed by.
  const batchSize = shared(records, 'batch sizes', (r) => updateBatchSize(r.config.scenario));
  const samplesPerDomain = shared(records, 'samplesPerDomain', (r) => r.config.scenario.samplesPerDomain);
  const steps = shared(records, 'stream lengths (scenario.steps)', (r) => r.config.scenario.steps);
  shared(records, 'severities', (r) => r.config.scenario.severity);
  const named = records.filter((r) => r.modelWeights !== undefined);
  if (named.length > 0 && named.length < records.length)
    throw new ConfigError(
      `The records of model '${model}' mix bench versions: expected every record to name its weights (modelWeights), received ${named.length} of ${records.length}. ${fix}`,
    );
  const weights = named.length > 0 ? shared(records, 'weights files', (r) => r.modelWeights!) : undefined;

  // A mixed stream is one stream: every record must pool the same corruptions, all 4 of them.
  if (scenario === 'mixed')
    shared(records, 'pooled corruptions (scenario.corruptions)', (r) =>
      sorted(r.config.scenario.corruptions),
    );
  const corruptions = validation.filter((name) => records.some((r) => corruptionsOf(r).includes(name)));
  const missingCorruptions = validation.filter((name) => !corruptions.includes(name));
  if (missingCorruptions.length > 0)
    throw new ConfigError(
      `Model '${model}': expected records on all 4 validation corruptions (${validation.join(', ')}), but none on ${missingCorruptions.join(', ')}. ${fix}`,
    );
  // The streams each candidate must have run on: one per corruption, or the one mixed stream.
  const streamCorruptions = sorted(records.map((r) => r.cell.corruption));
  const imbalanceRatios = sorted(records.map((r) => r.cell.imbalanceRatio));
  const seeds = sorted(records.map((r) => r.cell.seed));
  // Every candidate must have run on the same streams, or its mean is not comparable.
  const streams = streamCorruptions.flatMap((c) =>
    imbalanceRatios.flatMap((ir) => seeds.map((s) => `${c}|ir${ir}|seed${s}`)),
  );

  const byMethod = new Map<
    string,
    Map<string, { candidate: ReturnType<typeof candidateOf>; records: ResultRecord[] }>
  >();
  for (const record of records) {
    const candidate = candidateOf(record);
    const candidateKey = JSON.stringify(candidate);
    const method = byMethod.get(record.cell.method.name) ?? new Map();
    byMethod.set(record.cell.method.name, method);
    const entry = method.get(candidateKey) ?? { candidate, records: [] };
    method.set(candidateKey, entry);
    entry.records.push(record);
  }

  const methods: MethodSelection[] = [];
  for (const [method, candidatesByKey] of [...byMethod].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const candidates: RateCandidate[] = [];
    for (const { candidate, records: own } of candidatesByKey.values()) {
      const name = `${method} at B ${candidate.baseLearningRate}${candidate.predictorLearningRateScale === null ? '' : `, predictor ×${candidate.predictorLearningRateScale}`}`;
      const byStream = new Map<string, ResultRecord>();
      for (const record of own) {
        const stream = `${record.cell.corruption}|ir${record.cell.imbalanceRatio}|seed${record.cell.seed}`;
        const previous = byStream.get(stream);
        if (previous)
          throw new ConfigError(
            `${name} has two records on ${stream} ('${previous.key}' and '${record.key}'): expected one per stream, received records of two different runs. ${fix}`,
          );
        byStream.set(stream, record);
      }
      const missing = streams.filter((stream) => !byStream.has(stream));
      if (missing.length > 0)
        throw new ConfigError(
          `${name} is incomplete: expected a record on each of ${streams.length} streams, missing ${missing.join(', ')}. Fix: finish the run ('pnpm bench tune' resumes where it stopped), then select again.`,
        );
      const accuracyByCorruption = Object.fromEntries(
        corruptions.map((corruption) => [
          corruption,
          mean(own.flatMap((r) => accuracyOn(r, corruption) ?? [])),
        ]),
      );
      candidates.push({
        ...candidate,
        accuracyByCorruption,
        meanAccuracy: mean(Object.values(accuracyByCorruption)),
        labels: sorted(own.map((r) => r.cell.method.label)),
      });
    }
    candidates.sort(
      (a, b) =>
        a.baseLearningRate - b.baseLearningRate ||
        (a.predictorLearningRateScale ?? 0) - (b.predictorLearningRateScale ?? 0),
    );
    let winner = candidates[0]!;
    for (const candidate of candidates)
      if (candidate.meanAccuracy > winner.meanAccuracy + tieTolerance) winner = candidate;
    methods.push({ method, candidates, winner });
  }
  return {
    model,
    cells: records.length,
    scenario,
    batchSize,
    samplesPerDomain,
    steps,
    corruptions,
    imbalanceRatios,
    seeds,
    weights,
    runCommands: sorted(records.map((r) => r.command)),
    methods,
  };
}

/**
 * Picks, per model and method, the learning-rate candidate (B, and ZeroSiam's predictor
 * multiplier) with the best mean online accuracy over the 4 validation corruptions; ties go to
 * the smaller rate. A mixed tuning run pools exactly those 4 into one stream, and is scored per
 * corruption from its domains. Refuses records on any other corruption, records whose rate
 * bypassed the rule, entries with other options, and candidates that did not run on every stream.
 */
export function selectRates(records: readonly ResultRecord[]): ModelSelection[] {
  if (records.length === 0) throw new ConfigError(`Expected tuning records, received none. ${fix}`);
  refuseTestCorruptions(records);
  const byModel = new Map<string, ResultRecord[]>();
  for (const record of records) {
    const own = byModel.get(record.cell.model) ?? [];
    byModel.set(record.cell.model, own);
    own.push(record);
  }
  return sorted(byModel.keys()).map((model) => selectForModel(model, byModel.get(model)!));
}
