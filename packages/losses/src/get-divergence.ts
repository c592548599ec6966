import type { Divergence } from '@zerosiam/core';
import { createRegistry } from '@zerosiam/core';
import { jensenShannonDivergence } from './jensen-shannon-divergence';
import { klDivergence } from './kl-divergence';
import { meanSquaredErrorDivergence } from './mean-squared-error-divergence';
import { reverseKlDivergence } from './reverse-kl-divergence';
import { symmetricKlDivergence } from './symmetric-kl-divergence';

/** Registry ids of the built-in divergences. */
export type DivergenceName = 'kl' | 'reverse-kl' | 'symmetric-kl' | 'js' | 'mse';

const divergences = createRegistry<Divergence>('divergence', {
  kl: klDivergence,
  'reverse-kl': reverseKlDivergence,
  'symmetric-kl': symmetricKlDivergence,
  js: jensenShannonDivergence,
  mse: meanSquaredErrorDivergence,
} satisfies Record<DivergenceName, Divergence>);

/** The valid names for `getDivergence`, in registry order. */
export const divergenceNames = divergences.names as readonly DivergenceName[];

/**
 * Looks a divergence up by id (`kl`, `reverse-kl`, `symmetric-kl`, `js`, `mse`), or passes a
 * `Divergence` through unchanged. An unknown name throws `UnknownNameError`, which lists the
 * valid names and suggests the nearest one.
 */
export function getDivergence(nameOrValue: DivergenceName | (string & {}) | Divergence): Divergence {
  return divergences.get(nameOrValue);
}
