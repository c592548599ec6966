export interface TimeSummary {
  readonly medianMs: number;
  readonly p10Ms: number;
  readonly p90Ms: number;
  readonly minMs: number;
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** Median, p10, p90 and min of step times in ms (rounded to 0.01 ms). */
export function summarizeTimes(times: readonly number[]): TimeSummary {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    medianMs: round(quantile(sorted, 0.5)),
    p10Ms: round(quantile(sorted, 0.1)),
    p90Ms: round(quantile(sorted, 0.9)),
    minMs: round(sorted[0] ?? Number.NaN),
  };
}
