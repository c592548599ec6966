import type { ResultRecord } from '../results/result-record';

/**
 * Which cell keys of a results file count as finished: a record computed on other weights than
 * the current shipped file of its model (the model was retrained since) does not, so resuming a
 * grid never mixes two models in one table. Records without a weights hash (older files, fresh
 * weights) count as they are. `stale` lists the keys that only have such outdated records;
 * `current` holds the records that are not outdated (what timings and tables may use).
 */
export function finishedCells(
  records: readonly ResultRecord[],
  currentSha256: ReadonlyMap<string, string | undefined>,
): {
  readonly done: ReadonlySet<string>;
  readonly stale: ReadonlySet<string>;
  readonly current: readonly ResultRecord[];
} {
  const isStale = (record: ResultRecord) => {
    const recorded = record.modelWeights?.sha256;
    const current = currentSha256.get(record.cell.model);
    return recorded !== undefined && current !== undefined && recorded !== current;
  };
  const current = records.filter((record) => !isStale(record));
  const done = new Set(current.map((record) => record.key));
  const stale = new Set(
    records.filter((record) => isStale(record) && !done.has(record.key)).map((record) => record.key),
  );
  return { done, stale, current };
}
