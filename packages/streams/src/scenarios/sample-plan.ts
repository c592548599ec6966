/**
 * The order in which a stream visits samples: parallel arrays of domain index and sample index
 * (the position in that domain's set). Orderings transform plans; the batcher turns one into
 * batches. Plans are small (8 bytes a sample) so even 750k-sample mixed streams stay cheap.
 */
export interface SamplePlan {
  readonly domains: Int32Array;
  readonly indices: Int32Array;
}

/** Every index of `indices` in domain `domain`, in the given order. */
export function domainPlan(domain: number, indices: Int32Array): SamplePlan {
  return { domains: new Int32Array(indices.length).fill(domain), indices: indices.slice() };
}

/** Plans one after another. */
export function concatPlans(plans: readonly SamplePlan[]): SamplePlan {
  const length = plans.reduce((total, plan) => total + plan.indices.length, 0);
  const domains = new Int32Array(length);
  const indices = new Int32Array(length);
  let offset = 0;
  for (const plan of plans) {
    domains.set(plan.domains, offset);
    indices.set(plan.indices, offset);
    offset += plan.indices.length;
  }
  return { domains, indices };
}

/** The plan's entries at `positions` (a permutation, or a selection with repeats). */
export function reorderPlan(plan: SamplePlan, positions: ArrayLike<number>): SamplePlan {
  const domains = new Int32Array(positions.length);
  const indices = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) {
    domains[i] = plan.domains[positions[i]!]!;
    indices[i] = plan.indices[positions[i]!]!;
  }
  return { domains, indices };
}

/** The label of every plan entry, looked up in its domain's labels. */
export function planLabels(plan: SamplePlan, labelsOf: (domain: number) => Int32Array): Int32Array {
  const out = new Int32Array(plan.indices.length);
  for (let i = 0; i < out.length; i++) out[i] = labelsOf(plan.domains[i]!)[plan.indices[i]!]!;
  return out;
}
