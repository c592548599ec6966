import type { AdaptableModel, TtaMethod } from '@zerosiam/core';
import type { TentOptions } from '../tent/create-tent';
import { createTent } from '../tent/create-tent';
import type { ZeroSiamMethodOptions } from './create-zero-siam';
import { composeZeroSiam } from './create-zero-siam';

export type ZeroSiamTentOptions = ZeroSiamMethodOptions<TentOptions>;

/**
 * ZeroSiam (methods.md §1): Tent over `withZeroSiam(model)`. Loss per sample
 * H(p_o) + α·SymKL(sg p_r, p_o), all norm layers at base lr × 10 and the identity-initialised
 * predictor at base lr × 100; predictions from the target branch p_r before the update.
 */
export function createZeroSiam(
  model: AdaptableModel,
  options: ZeroSiamTentOptions = {},
): TtaMethod<ZeroSiamTentOptions> {
  return composeZeroSiam('zerosiam', createTent, model, options);
}
