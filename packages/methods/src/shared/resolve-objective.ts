import type { Objective } from '@zerosiam/core';
import { getLoss, softmaxEntropy } from '@zerosiam/losses';

/**
 * The objective a method minimises, and the score its filters and weights use. Filters are
 * defined on entropy (E < 0.4 ln C, ...), so the score is the softmax entropy unless the
 * objective is itself an entropy (`come` replaces E everywhere, methods.md §4.5) [guess for
 * `slr`, `ce`, `neg-p2`, whose values are not on the entropy scale].
 */
export function resolveObjective(objective: string | Objective): {
  objective: Objective;
  score: Objective;
} {
  const resolved = getLoss(objective);
  return {
    objective: resolved,
    score: resolved.id === 'come' ? resolved : (softmaxEntropy as Objective),
  };
}
