import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdaptableModel } from '@zerosiam/core';
import { describeValue, InvalidArgumentError, MissingDataError } from '@zerosiam/core';
import type { ZooModel } from '../zoo/zoo-model';
import type { ModelCard } from './model-card';
import { loadModelFromBytes, readModelBytes } from './model-from-bytes';

/** `x.safetensors` → `x.json` */
export function cardPathFor(weightsPath: string): string {
  return weightsPath.replace(/\.safetensors$/, '') + '.json';
}

/** Writes `path` (.safetensors, PyTorch layouts) and the JSON card beside it. */
export async function saveModel(model: AdaptableModel, path: string, card: ModelCard): Promise<void> {
  if (typeof path !== 'string' || !path.endsWith('.safetensors')) {
    throw new InvalidArgumentError({
      functionName: 'saveModel',
      argument: 'path',
      expected: "a path ending in '.safetensors'",
      received: describeValue(path),
    });
  }
  if (card.architecture !== model.id) {
    throw new InvalidArgumentError({
      functionName: 'saveModel',
      argument: 'card.architecture',
      expected: `'${model.id}' (the model's id)`,
      received: describeValue(card.architecture),
    });
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await readModelBytes(model));
  await writeFile(cardPathFor(path), `${JSON.stringify({ format: 'safetensors', ...card }, null, 2)}\n`);
}

/** Reads a weights file and the card beside it and returns the loaded zoo model. */
export async function loadModel(path: string): Promise<ZooModel> {
  const cardPath = cardPathFor(path);
  for (const [file, what] of [
    [path, 'weights file'],
    [cardPath, 'model card'],
  ] as const) {
    if (!existsSync(file)) {
      throw new MissingDataError({
        what,
        path: file,
        problem: 'it does not exist',
        fix: 'save the model with saveModel (it writes both files) or fix the path.',
      });
    }
  }
  const card = JSON.parse(await readFile(cardPath, 'utf8')) as ModelCard;
  return loadModelFromBytes(new Uint8Array(await readFile(path)), card, path);
}

/** The folder with the shipped weights (`packages/models/weights`), from src/ or dist/. */
export function shippedWeightsDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/node.js sits one level below the package root, src/weights/model-files.ts two.
  const candidates = [join(here, '..', 'weights'), join(here, '..', '..', 'weights')];
  return candidates.find((candidate) => existsSync(join(candidate, '..', 'package.json'))) ?? candidates[0]!;
}

/** Loads a model trained and shipped with the package, e.g. `loadShippedModel('resnet20-gn')`. */
export async function loadShippedModel(id: string): Promise<ZooModel> {
  const directory = shippedWeightsDirectory();
  const path = join(directory, `${id}.safetensors`);
  if (!existsSync(path)) {
    throw new MissingDataError({
      what: `shipped weights for '${id}'`,
      path,
      problem: 'no such file in the package',
      fix: 'use one of the ids listed in docs/models.md under "Shipped weights", or train one with the bench `train` command.',
    });
  }
  return loadModel(path);
}

/** Reads a model card. */
export async function readModelCard(path: string): Promise<ModelCard> {
  return JSON.parse(await readFile(cardPathFor(path), 'utf8')) as ModelCard;
}
