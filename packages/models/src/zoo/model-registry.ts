import { createRegistry } from '@zerosiam/core';
import type { ModelOptions } from './model-options';
import { createConvNextNano } from './convnext-nano';
import { createResNet20Bn, createResNet20Gn } from './resnet20';
import { createVitTiny } from './vit-tiny';
import type { ZooModel } from './zoo-model';

/** A zoo architecture: builds a freshly initialised model. */
export type ModelFactory = (options?: ModelOptions) => ZooModel;

const factories: Record<string, ModelFactory> = {
  'resnet20-gn': createResNet20Gn,
  'resnet20-bn': createResNet20Bn,
  'vit-tiny': createVitTiny,
  'convnext-nano': createConvNextNano,
};

/** The frozen table of zoo architectures (`resnet20-gn` is the default). */
export const modelRegistry = createRegistry<ModelFactory>('model', factories);

/** The id of the default zoo model. */
export const DEFAULT_MODEL_ID = 'resnet20-gn';

/** Looks up a zoo architecture; unknown names throw UnknownNameError listing the valid ids. */
export function getModelFactory(nameOrFactory: string | ModelFactory): ModelFactory {
  return modelRegistry.get(nameOrFactory);
}

/** Creates a zoo model by id with seeded initialisation, e.g. `createModel('resnet20-gn', { inputShape: [28, 28, 1], numClasses: 10, seed: 0 })`. */
export function createModel(id: string, options: ModelOptions = {}): ZooModel {
  return getModelFactory(id)(options);
}
