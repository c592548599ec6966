import type { Batch, Normalization, Stream, StreamInfo } from '@zerosiam/core';
import { InvalidArgumentError, SeededRng, describeValue } from '@zerosiam/core';
import { type SubsetOptions, selectSubset } from '../scenarios/subset';

/** One image file of a lazily read data set: its label and how to fetch its bytes. */
export interface ImageFileEntry {
  readonly label: number;
  /** For error messages, e.g. the path or URL. */
  readonly name: string;
  read(): Promise<Uint8Array>;
}

export interface ImageFileStreamOptions {
  readonly files: readonly ImageFileEntry[];
  /** Bytes → pixels in [0, 1], row-major `imageShape`. */
  readonly decode: (bytes: Uint8Array, fileName: string) => Float32Array;
  readonly imageShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly normalization: Normalization;
  /** Domain name reported in `info.domains`, e.g. `gaussian_noise@5`. */
  readonly domainName: string;
  readonly batchSize: number;
  readonly scenario?: string;
  readonly seed?: number;
  /** Visit the files in a seeded random order (SAR's `normal` protocol). Default false. */
  readonly shuffle?: boolean;
  readonly subset?: SubsetOptions;
  /** Files read in parallel while a batch is assembled. Default 8. */
  readonly concurrency?: number;
}

function checkPositiveInteger(argument: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new InvalidArgumentError({
      functionName: 'createImageFileStream',
      argument,
      expected: 'a positive integer',
      received: describeValue(value),
    });
  }
}

/**
 * A stream that reads and decodes image files batch by batch, so a 50,000-image folder never sits
 * in memory: only the file list and one batch of pixels are held. `indices` are positions in
 * `files`; every batch is in a single domain (0).
 */
export function createImageFileStream(options: ImageFileStreamOptions): Stream {
  checkPositiveInteger('batchSize', options.batchSize);
  checkPositiveInteger('concurrency', options.concurrency ?? 8);
  if (!Array.isArray(options.files) || options.files.length === 0) {
    throw new InvalidArgumentError({
      functionName: 'createImageFileStream',
      argument: 'files',
      expected: 'a non-empty array of image files',
      received: describeValue(options.files),
      fix: 'check that the folder holds images in <class>/<image> sub-folders.',
    });
  }
  const seed = options.seed ?? 2021;
  const order = selectSubset(options.files.length, options.subset, seed);
  if (options.shuffle) new SeededRng(seed).fork('shuffle').shuffle(order);
  const [height, width, channels] = options.imageShape;
  const imageSize = height * width * channels;
  const concurrency = options.concurrency ?? 8;
  const info: StreamInfo = {
    scenario: options.scenario ?? 'image-folder',
    domains: [options.domainName],
    numClasses: options.numClasses,
    imageShape: options.imageShape,
    normalization: options.normalization,
    length: order.length,
    batchSize: options.batchSize,
    seed,
    resetPolicy: 'per-domain',
  };
  async function* batches(): AsyncGenerator<Batch> {
    for (let start = 0; start < order.length; start += options.batchSize) {
      const count = Math.min(options.batchSize, order.length - start);
      const images = new Float32Array(count * imageSize);
      const labels = new Int32Array(count);
      const indices = order.slice(start, start + count);
      for (let first = 0; first < count; first += concurrency) {
        const group = Array.from({ length: Math.min(concurrency, count - first) }, (_, k) => first + k);
        const contents = await Promise.all(group.map((slot) => options.files[indices[slot]!]!.read()));
        group.forEach((slot, k) => {
          const file = options.files[indices[slot]!]!;
          const pixels = options.decode(contents[k]!, file.name);
          if (pixels.length !== imageSize) {
            throw new InvalidArgumentError({
              functionName: 'createImageFileStream',
              argument: 'decode',
              expected: `${imageSize} values ([${options.imageShape.join(', ')}]) per image`,
              received: `${pixels.length} values for ${file.name}`,
            });
          }
          images.set(pixels, slot * imageSize);
          labels[slot] = file.label;
        });
      }
      yield {
        images,
        shape: [count, height, width, channels],
        labels,
        domains: new Int32Array(count),
        indices,
      };
    }
  }
  return { specificationVersion: 'v1', info, [Symbol.asyncIterator]: batches };
}
