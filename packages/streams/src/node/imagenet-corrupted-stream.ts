import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Normalization, Stream } from '@zerosiam/core';
import { InvalidArgumentError, MissingDataError, describeValue } from '@zerosiam/core';
import { type ImageFileEntry, createImageFileStream } from '../readers/image-file-stream';
import { imagenetNormalization } from '../readers/dataset-description';
import { type ImagenetPreprocessOptions, preprocessImagenetJpeg } from '../readers/imagenet-preprocess';
import type { SubsetOptions } from '../scenarios/subset';

export interface ImagenetCorruptedStreamOptions extends ImagenetPreprocessOptions {
  /** The ImageNet-C root holding `<corruption>/<severity>/<wnid>/<image>.JPEG`. */
  readonly root: string;
  readonly corruption: string;
  readonly severity: number;
  readonly batchSize: number;
  /** Seeded shuffle (SAR's `normal` protocol shuffles); default false. */
  readonly shuffle?: boolean;
  readonly seed?: number;
  readonly subset?: SubsetOptions;
  /**
   * All class ids in label order. Defaults to the sorted class folders found, which is
   * torchvision ImageFolder's labelling and the standard ImageNet index when all 1000 are there.
   */
  readonly classNames?: readonly string[];
  /** Described on the stream; defaults to the ImageNet mean/std (SAR uses it for every model). */
  readonly normalization?: Normalization;
}

const imagePattern = /\.(jpe?g)$/i;

/**
 * A lazy stream over one ImageNet-C corruption/severity folder: lists the files (paths only),
 * then reads, decodes (jpeg-js), resizes 256 and centre-crops 224 one batch at a time.
 */
export async function imagenetCorruptedStream(options: ImagenetCorruptedStreamOptions): Promise<Stream> {
  if (!Number.isInteger(options?.severity) || options.severity < 1 || options.severity > 5) {
    throw new InvalidArgumentError({
      functionName: 'imagenetCorruptedStream',
      argument: 'severity',
      expected: 'an integer in [1, 5]',
      received: describeValue(options?.severity),
    });
  }
  const folder = join(options.root, options.corruption, String(options.severity));
  const fix =
    'download ImageNet-C (https://zenodo.org/record/2235448), extract it and pass the folder holding ' +
    '<corruption>/<severity>/<wnid>/ as root.';
  let classFolders: string[];
  try {
    classFolders = (await readdir(folder, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new MissingDataError({
      what: 'ImageNet-C folder',
      path: folder,
      problem: 'it cannot be listed',
      fix,
      cause: error,
    });
  }
  if (classFolders.length === 0) {
    throw new MissingDataError({
      what: 'ImageNet-C folder',
      path: folder,
      problem: 'it holds no class folders',
      fix,
    });
  }
  const classNames = options.classNames ?? classFolders;
  const labelOf = new Map(classNames.map((name, index) => [name, index]));
  const files: ImageFileEntry[] = [];
  for (const className of classFolders) {
    const label = labelOf.get(className);
    if (label === undefined) {
      throw new MissingDataError({
        what: 'ImageNet-C class folder',
        path: join(folder, className),
        problem: 'its name is not one of the given classNames',
        fix: 'pass the full list of class ids (wnids) as classNames, or leave it out to use the folders found.',
      });
    }
    const names = (await readdir(join(folder, className))).filter((name) => imagePattern.test(name)).sort();
    for (const name of names) {
      const path = join(folder, className, name);
      files.push({
        label,
        name: path,
        read: async () => {
          const buffer = await readFile(path);
          return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
        },
      });
    }
  }
  const cropSize = options.cropSize ?? 224;
  return createImageFileStream({
    files,
    decode: (bytes, fileName) => preprocessImagenetJpeg(bytes, options, fileName),
    imageShape: [cropSize, cropSize, 3],
    numClasses: classNames.length,
    normalization: options.normalization ?? imagenetNormalization,
    domainName: `${options.corruption}@${options.severity}`,
    batchSize: options.batchSize,
    scenario: 'imagenet-c',
    seed: options.seed,
    shuffle: options.shuffle,
    subset: options.subset,
  });
}
