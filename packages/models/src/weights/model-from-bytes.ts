import type { AdaptableModel } from '@zerosiam/core';
import { describeValue, InvalidArgumentError } from '@zerosiam/core';
import { createModel } from '../zoo/model-registry';
import type { ZooModel } from '../zoo/zoo-model';
import type { ModelCard } from './model-card';
import { decodeSafetensors, encodeSafetensors } from './safetensors';
import { loadStateDict, modelToStateDict, readModelStateDict } from './state-dict';

function checkCard(card: ModelCard, functionName: string): void {
  if (
    !card ||
    typeof card.architecture !== 'string' ||
    !Array.isArray(card.inputShape) ||
    !Number.isInteger(card.numClasses)
  ) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'card',
      expected: 'a model card with architecture, inputShape and numClasses',
      received: describeValue(card),
      fix: 'pass the JSON card written beside the weights by saveModel.',
    });
  }
}

/**
 * Builds the card's architecture and loads PyTorch-layout safetensors bytes into it (browser-safe).
 * Missing tensors, wrong shapes or unsupported dtypes throw errors naming the tensor.
 */
export function loadModelFromBytes(
  bytes: Uint8Array,
  card: ModelCard,
  source = `${card?.architecture}.safetensors`,
): ZooModel {
  checkCard(card, 'loadModelFromBytes');
  const contents = decodeSafetensors(bytes, source);
  const model = createModel(card.architecture, {
    inputShape: card.inputShape,
    numClasses: card.numClasses,
    normalization: card.normalization,
  });
  try {
    loadStateDict(model, contents, source);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

/** Serialises every named variable (buffers included) as PyTorch-layout F32 safetensors bytes. */
export function modelToBytes(
  model: AdaptableModel,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  return encodeSafetensors(modelToStateDict(model), { architecture: model.id, ...metadata });
}

/** `modelToBytes` with awaited reads, for every backend (WebGPU in Node has no synchronous read-back). */
export async function readModelBytes(
  model: AdaptableModel,
  metadata: Readonly<Record<string, string>> = {},
): Promise<Uint8Array> {
  return encodeSafetensors(await readModelStateDict(model), { architecture: model.id, ...metadata });
}
