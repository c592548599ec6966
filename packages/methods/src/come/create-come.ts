import type { AdaptableModel, TtaMethod } from '@zerosiam/core';
import type { DeYOOptions } from '../deyo/create-deyo';
import { createDeYO } from '../deyo/create-deyo';
import type { TentOptions } from '../tent/create-tent';
import { createTent } from '../tent/create-tent';

/**
 * COME (Zhang et al., ICLR 2025) is an objective, not a method: the entropy of opinion (with the
 * radial gradient removed, K = number of classes) replaces the softmax entropy everywhere — loss,
 * filters and weights (methods.md §4.5). The official DeYO-COME hard-codes K = 1000 (§9.3); here
 * K is the model's class count.
 */
export function createTentCome(
  model: AdaptableModel,
  options: TentOptions = {},
  id = 'tent+come',
): TtaMethod<TentOptions> {
  return createTent(model, { ...options, objective: options.objective ?? 'come' }, id);
}

/** DeYO with COME's entropy of opinion in the filter, weights and loss; PLPD stays on the softmax (§4.5). */
export function createDeYOCome(
  model: AdaptableModel,
  options: DeYOOptions = {},
  id = 'deyo+come',
): TtaMethod<DeYOOptions> {
  return createDeYO(model, { ...options, objective: options.objective ?? 'come' }, id);
}
