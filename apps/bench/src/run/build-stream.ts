import { SeededRng } from '@zerosiam/core';
import type { Batch, LabeledImageSet, Stream, StreamInfo } from '@zerosiam/core';

/** Which samples a stream visits, in order: domain and index per step. */
interface Plan {
  readonly domains: Int32Array;
  readonly indices: Int32Array;
}

export interface BuildStreamOptions {
  readonly scenario: string;
  /** One set per domain (same labels and size). */
  readonly domains: readonly LabeledImageSet[];
  readonly domainNames: readonly string[];
  readonly batchSize: number;
  readonly seed: number;
  readonly imbalanceRatio: number;
  readonly blockLength: number;
  /** Overrides the scenario's shuffling (blind-spot's frozen pass). */
  readonly order?: 'shuffled' | 'label-shift' | 'as-is';
  readonly resetPolicy?: StreamInfo['resetPolicy'];
  /** Sample subsets per domain (blind-spot adaptation). */
  readonly subsets?: readonly Int32Array[];
}

/** SAR's online imbalanced label shift (corruptions-and-streams.md §5.5), per domain. */
function labelShiftPlan(
  labels: Int32Array,
  numClasses: number,
  ratio: number,
  blockLength: number,
  rng: SeededRng,
): Int32Array {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((label, index) => {
    byClass[label]!.push(index);
  });
  const length = labels.length;
  const order = rng.permutation(numClasses);
  const steps = new Int32Array(length);
  const major = ratio / (ratio + numClasses - 1);
  for (let t = 0; t < length; t++) {
    const block = Math.floor(t / blockLength) % numClasses;
    const majorClass = order[block]!;
    let label = majorClass;
    if (rng.uniform() >= major) {
      // One of the other classes, uniformly.
      label = rng.integer(0, numClasses - 1);
      if (label >= majorClass) label += 1;
    }
    const pool = byClass[label]!.length > 0 ? byClass[label]! : byClass[majorClass]!;
    steps[t] = pool[rng.integer(0, pool.length)]!;
  }
  return steps;
}

/**
 * A seeded stream over one or more domains: `iid` (shuffled, per-domain reset), `label-shift`
 * (class-ordered blocks with imbalance ratio IR, sampled with replacement), `mixed` (every domain
 * pooled and shuffled, never reset). Batches never straddle two domains except in `mixed`.
 */
export function buildStream(options: BuildStreamOptions): Stream {
  const first = options.domains[0]!;
  const rng = new SeededRng(options.seed);
  const order = options.order ?? (options.scenario === 'label-shift' ? 'label-shift' : 'shuffled');
  const plans: Plan[] = options.domains.map((set, domain) => {
    const base = options.subsets?.[domain] ?? Int32Array.from({ length: set.labels.length }, (_, i) => i);
    let indices: Int32Array;
    if (order === 'label-shift') {
      const picked = labelShiftPlan(
        Int32Array.from(base, (i) => set.labels[i]!),
        set.numClasses,
        options.imbalanceRatio,
        options.blockLength,
        rng.fork(domain),
      );
      indices = Int32Array.from(picked, (position) => base[position]!);
    } else if (order === 'shuffled') {
      const permutation = rng.fork(`shuffle${domain}`).permutation(base.length);
      indices = Int32Array.from(permutation, (position) => base[position]!);
    } else {
      indices = base.slice();
    }
    return { domains: new Int32Array(indices.length).fill(domain), indices };
  });
  let plan: Plan;
  if (options.scenario === 'mixed') {
    const total = plans.reduce((sum, p) => sum + p.indices.length, 0);
    const domains = new Int32Array(total);
    const indices = new Int32Array(total);
    let offset = 0;
    for (const p of plans) {
      domains.set(p.domains, offset);
      indices.set(p.indices, offset);
      offset += p.indices.length;
    }
    const permutation = rng.fork('mixed').permutation(total);
    plan = {
      domains: Int32Array.from(permutation, (i) => domains[i]!),
      indices: Int32Array.from(permutation, (i) => indices[i]!),
    };
  } else {
    plan =
      plans.length === 1
        ? plans[0]!
        : {
            domains: Int32Array.from(plans.flatMap((p) => [...p.domains])),
            indices: Int32Array.from(plans.flatMap((p) => [...p.indices])),
          };
  }
  const [, h, w, c] = first.shape;
  const pixels = h * w * c;
  const info: StreamInfo = {
    scenario: options.scenario,
    domains: options.domainNames,
    numClasses: first.numClasses,
    imageShape: [h, w, c],
    normalization: first.normalization,
    length: plan.indices.length,
    batchSize: options.batchSize,
    seed: options.seed,
    resetPolicy: options.resetPolicy ?? (options.scenario === 'mixed' ? 'never' : 'per-domain'),
  };
  return {
    specificationVersion: 'v1',
    info,
    async *[Symbol.asyncIterator](): AsyncIterator<Batch> {
      let start = 0;
      while (start < plan.indices.length) {
        let end = Math.min(start + options.batchSize, plan.indices.length);
        // Cut the batch at a domain change so per-domain resets land on batch boundaries.
        if (options.scenario !== 'mixed') {
          for (let i = start + 1; i < end; i++) {
            if (plan.domains[i] !== plan.domains[start]) {
              end = i;
              break;
            }
          }
        }
        const size = end - start;
        const images = new Float32Array(size * pixels);
        const labels = new Int32Array(size);
        for (let i = 0; i < size; i++) {
          const set = options.domains[plan.domains[start + i]!]!;
          const index = plan.indices[start + i]!;
          images.set(set.images.subarray(index * pixels, (index + 1) * pixels), i * pixels);
          labels[i] = set.labels[index]!;
        }
        yield {
          images,
          shape: [size, h, w, c],
          labels,
          domains: plan.domains.slice(start, end),
          indices: plan.indices.slice(start, end),
        };
        start = end;
      }
    },
  };
}
