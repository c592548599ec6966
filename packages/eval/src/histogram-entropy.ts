/**
 * Normalised entropy of a histogram of counts: H(counts / Σ counts) / ln(bins), in [0, 1].
 * 1 means predictions spread evenly over all classes, 0 means a single class. 0 when empty.
 */
export function histogramEntropy(counts: ArrayLike<number>): number {
  let total = 0;
  for (let c = 0; c < counts.length; c++) total += counts[c]!;
  if (total <= 0 || counts.length < 2) return 0;
  let entropy = 0;
  for (let c = 0; c < counts.length; c++) {
    const p = counts[c]! / total;
    if (p > 0) entropy -= p * Math.log(p);
  }
  return entropy / Math.log(counts.length);
}
