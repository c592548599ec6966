import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LabeledImageSet } from '@zerosiam/core';
import { describeValue, InvalidArgumentError, MissingDataError } from '@zerosiam/core';
import type { DatasetDescription } from '../readers/dataset-description';
import { idxImageSet } from '../readers/idx-image-set';
import { readFileBytes } from './read-file-bytes';

export interface LoadIdxImageSetOptions {
  readonly imagesPath: string;
  readonly labelsPath: string;
  readonly description: DatasetDescription;
  readonly name?: string;
  /** Overrides the fix suggested when a file is missing. */
  readonly missingFix?: string;
}

/** Reads an IDX image/label file pair from disk (raw or gzip). */
export async function loadIdxImageSet(options: LoadIdxImageSetOptions): Promise<LabeledImageSet> {
  const fix =
    options.missingFix ?? 'check the path, or download the IDX files of the data set into that folder.';
  const [images, labels] = await Promise.all([
    readFileBytes(options.imagesPath, `${options.description.id} images`, fix),
    readFileBytes(options.labelsPath, `${options.description.id} labels`, fix),
  ]);
  return idxImageSet({
    images,
    labels,
    description: options.description,
    name: options.name,
    imagesFileName: options.imagesPath,
    labelsFileName: options.labelsPath,
  });
}

export type IdxSplit = 'train' | 'test';

/** Options of the MNIST-family folder loaders. */
export interface LoadMnistFamilyOptions {
  readonly split: IdxSplit;
  /** Folder holding the standard file names, gzip (`.gz`) or raw. */
  readonly dataDir?: string;
}

/** The standard file stems of a split: `train-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, ... */
export function idxFileStems(split: IdxSplit): {
  images: string;
  labels: string;
} {
  const prefix = split === 'train' ? 'train' : 't10k';
  return {
    images: `${prefix}-images-idx3-ubyte`,
    labels: `${prefix}-labels-idx1-ubyte`,
  };
}

/** `<stem>.gz` when it exists, else the raw `<stem>`; null when neither does. */
export function findIdxFile(dataDir: string, stem: string): string | null {
  for (const candidate of [join(dataDir, `${stem}.gz`), join(dataDir, stem)]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Validates a split option for the loaders. */
export function checkSplit(functionName: string, split: unknown): asserts split is IdxSplit {
  if (split !== 'train' && split !== 'test') {
    throw new InvalidArgumentError({
      functionName,
      argument: 'split',
      expected: "'train' or 'test'",
      received: describeValue(split),
    });
  }
}

/**
 * Loads one split of an MNIST-style data set from a folder holding the standard IDX file names.
 * `getIt` is the human instruction for obtaining the files, used when they are missing.
 */
export async function loadMnistFamily(
  description: DatasetDescription,
  options: LoadMnistFamilyOptions & {
    readonly getIt: string;
    readonly functionName: string;
  },
): Promise<LabeledImageSet> {
  checkSplit(options.functionName, options.split);
  if (!options.dataDir) {
    throw new InvalidArgumentError({
      functionName: options.functionName,
      argument: 'dataDir',
      expected: 'a folder holding the IDX files',
      received: 'undefined',
      fix: options.getIt,
    });
  }
  const stems = idxFileStems(options.split);
  const imagesPath = findIdxFile(options.dataDir, stems.images);
  const labelsPath = findIdxFile(options.dataDir, stems.labels);
  if (!imagesPath || !labelsPath) {
    const missing = !imagesPath ? stems.images : stems.labels;
    throw new MissingDataError({
      what: `${description.id} ${options.split} split`,
      path: join(options.dataDir, `${missing}[.gz]`),
      problem: `the file ${basename(missing)}(.gz) is not in the folder`,
      fix: options.getIt,
    });
  }
  return loadIdxImageSet({
    imagesPath,
    labelsPath,
    description,
    name: `${description.id}/${options.split}`,
  });
}
