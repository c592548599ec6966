import { InvalidArgumentError, type SeededRng, describeValue } from '@zerosiam/core';

export interface DirichletOrderOptions {
  /** δ: small (0.01) → long single-class runs, large (100) → near i.i.d. NOTE/TTAB use 0.1. */
  readonly concentration: number;
  readonly numClasses: number;
  readonly rng: SeededRng;
  /**
   * Step 2 retries until every chunk holds at least this many samples (NOTE: 10, TTAB: 5).
   * Default min(10, ⌊N/(2K)⌋) (at least 1), so small test sets still succeed.
   */
  readonly minChunkSize?: number;
  /** Give up after this many attempts (DM aborts after 120 s). Default 1000. */
  readonly maxAttempts?: number;
}

/**
 * NOTE's temporally correlated label order (corruptions-and-streams.md §5.4):
 * 1. K chunks; for each class k, shuffle its entries, draw p ~ Dir(δ·1_K), zero the chunks that
 *    already hold ≥ N/K entries, renormalise, split the class by the cumulative proportions and
 *    append piece j to chunk j;
 * 2. repeat until every chunk holds ≥ minChunkSize entries;
 * 3. emit chunk by chunk, visiting the classes of a chunk in random order, each class contiguous.
 *
 * @returns a permutation of the positions of `labels`.
 */
export function dirichletOrder(labels: Int32Array, options: DirichletOrderOptions): Int32Array {
  const functionName = 'dirichletOrder';
  const { concentration, numClasses, rng } = options;
  if (!(concentration > 0) || !Number.isFinite(concentration)) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'concentration',
      expected: 'a finite number > 0 (δ; 0.1 in NOTE/TTAB, 0.01 in DM ImageNet-C)',
      received: describeValue(concentration),
    });
  }
  const n = labels.length;
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((label, position) => {
    if (!(label >= 0 && label < numClasses)) {
      throw new InvalidArgumentError({
        functionName,
        argument: 'labels',
        expected: `labels in [0, ${numClasses})`,
        received: `label ${label} at position ${position}`,
      });
    }
    byClass[label]!.push(position);
  });
  const minChunkSize = options.minChunkSize ?? Math.max(1, Math.min(10, Math.floor(n / (2 * numClasses))));
  const maxAttempts = options.maxAttempts ?? 1000;
  const alpha = new Array<number>(numClasses).fill(concentration);
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    // chunks[j] is a list of class pieces (each piece one class's entries).
    const chunks: number[][][] = Array.from({ length: numClasses }, () => []);
    const chunkSizes = new Array<number>(numClasses).fill(0);
    for (let k = 0; k < numClasses; k++) {
      const members = rng.shuffle(byClass[k]!.slice());
      const proportions = rng.dirichlet(alpha);
      let total = 0;
      for (let j = 0; j < numClasses; j++) {
        if (chunkSizes[j]! >= n / numClasses) proportions[j] = 0;
        total += proportions[j]!;
      }
      // All chunks full can only happen through rounding; fall back to equal shares.
      for (let j = 0; j < numClasses; j++)
        proportions[j] = total > 0 ? proportions[j]! / total : 1 / numClasses;
      let cumulative = 0;
      let start = 0;
      for (let j = 0; j < numClasses; j++) {
        cumulative += proportions[j]!;
        // numpy: (cumsum · len).astype(int), last cut at the end.
        const end =
          j === numClasses - 1
            ? members.length
            : Math.min(members.length, Math.floor(cumulative * members.length));
        if (end > start) {
          chunks[j]!.push(members.slice(start, end));
          chunkSizes[j]! += end - start;
        }
        start = Math.max(start, end);
      }
    }
    if (Math.min(...chunkSizes) < minChunkSize) continue;
    const out = new Int32Array(n);
    let offset = 0;
    for (const chunk of chunks) {
      for (const position of rng.permutation(chunk.length)) {
        for (const entry of chunk[position]!) out[offset++] = entry;
      }
    }
    return out;
  }
  throw new InvalidArgumentError({
    functionName,
    argument: 'minChunkSize',
    expected: `a chunk size reachable with ${n} samples over ${numClasses} classes`,
    received: `${minChunkSize} (no split reached it in ${maxAttempts} attempts)`,
    fix: 'lower minChunkSize, raise the concentration δ, or use more samples.',
  });
}
