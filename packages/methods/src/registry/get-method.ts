import type { AdaptableModel, TtaMethod } from '@zerosiam/core';
import { createRegistry } from '@zerosiam/core';
import { createDeYOCome, createTentCome } from '../come/create-come';
import { createDeYO } from '../deyo/create-deyo';
import { createEATA } from '../eata/create-eata';
import { createNorm } from '../norm/create-norm';
import { createSAR } from '../sar/create-sar';
import { createSource } from '../source/create-source';
import { createTent } from '../tent/create-tent';
import { composeZeroSiam } from '../zerosiam/create-zero-siam';
import { createZeroSiam } from '../zerosiam/create-zero-siam-method';

/** Builds a method bound to a model; options are the method's own (paper defaults when omitted). */
// biome-ignore lint/suspicious/noExplicitAny: each factory takes its own options type.
export type MethodFactory = (model: AdaptableModel, options?: any) => TtaMethod<unknown>;

export type MethodName =
  | 'source'
  | 'norm'
  | 'tent'
  | 'eata'
  | 'sar'
  | 'deyo'
  | 'tent+come'
  | 'deyo+come'
  | 'zerosiam'
  | 'zerosiam+eata'
  | 'zerosiam+deyo'
  | 'zerosiam+sar';

const methods = createRegistry<MethodFactory>('method', {
  source: (model, options) => createSource(model, options),
  norm: (model, options) => createNorm(model, options),
  tent: (model, options) => createTent(model, options),
  eata: (model, options) => createEATA(model, options),
  sar: (model, options) => createSAR(model, options),
  deyo: (model, options) => createDeYO(model, options),
  'tent+come': (model, options) => createTentCome(model, options),
  'deyo+come': (model, options) => createDeYOCome(model, options),
  zerosiam: (model, options) => createZeroSiam(model, options),
  'zerosiam+eata': (model, options) => composeZeroSiam('zerosiam+eata', createEATA, model, options),
  'zerosiam+deyo': (model, options) => composeZeroSiam('zerosiam+deyo', createDeYO, model, options),
  'zerosiam+sar': (model, options) => composeZeroSiam('zerosiam+sar', createSAR, model, options),
} satisfies Record<MethodName, MethodFactory>);

/** Every registered method id, in the order above. */
export const methodNames = methods.names as readonly MethodName[];

/**
 * The factory of a registered method (`getMethod('zerosiam')(model, { alpha: 1 })`), or a
 * factory passed straight through. An unknown name throws UnknownNameError listing the valid ids
 * and the nearest one.
 */
export function getMethod(nameOrValue: MethodName | (string & {}) | MethodFactory): MethodFactory {
  return methods.get(nameOrValue);
}
