import type { LabeledImageSet } from '@zerosiam/core';
import { InvalidArgumentError, describeValue } from '@zerosiam/core';
import { checkLabels } from './check-labels';
import { cifar100CoarseClassNames, cifar100Description, cifar10Description } from './dataset-description';
import { malformedFile } from './read-errors';

const pixelsPerImage = 32 * 32 * 3;

/** One CIFAR binary batch file: its bytes and a name for error messages. */
export interface CifarBatchFile {
  readonly bytes: Uint8Array;
  readonly fileName?: string;
}

/** CIFAR-100 with both label sets: `labels` are the 100 fine classes, `coarseLabels` the 20 superclasses. */
export interface Cifar100ImageSet extends LabeledImageSet {
  readonly coarseLabels: Int32Array;
  readonly coarseClassNames: readonly string[];
}

function checkFiles(functionName: string, files: readonly CifarBatchFile[]): void {
  if (
    !Array.isArray(files) ||
    files.length === 0 ||
    files.some((file) => !(file?.bytes instanceof Uint8Array))
  ) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'files',
      expected: 'a non-empty array of { bytes: Uint8Array, fileName? }',
      received: describeValue(files),
    });
  }
}

/**
 * Decodes binary records `labelBytes` label byte(s) + 3072 pixel bytes stored channel-planar
 * (1024 R, 1024 G, 1024 B, each row-major 32×32) into NHWC pixels in [0, 1].
 */
function decodeRecords(
  files: readonly CifarBatchFile[],
  labelBytes: 1 | 2,
  datasetId: string,
): { images: Float32Array; labels: Int32Array[]; count: number } {
  const recordLength = labelBytes + pixelsPerImage;
  let count = 0;
  for (const [position, file] of files.entries()) {
    if (file.bytes.length === 0 || file.bytes.length % recordLength !== 0) {
      throw malformedFile({
        what: `${datasetId} binary batch`,
        fileName: file.fileName ?? `<file ${position}>`,
        expected: `a whole number of ${recordLength}-byte records (${labelBytes} label byte(s) + 3072 pixels)`,
        received: `${file.bytes.length} bytes (${(file.bytes.length / recordLength).toFixed(2)} records)`,
        fix:
          labelBytes === 1
            ? 'pass CIFAR-10 binary batches (data_batch_*.bin, test_batch.bin); re-download if the file was cut short.'
            : 'pass CIFAR-100 binary files (train.bin, test.bin); re-download if the file was cut short.',
      });
    }
    count += file.bytes.length / recordLength;
  }
  const images = new Float32Array(count * pixelsPerImage);
  const labels = Array.from({ length: labelBytes }, () => new Int32Array(count));
  let sample = 0;
  for (const file of files) {
    const records = file.bytes.length / recordLength;
    for (let r = 0; r < records; r++, sample++) {
      const offset = r * recordLength;
      for (let l = 0; l < labelBytes; l++) labels[l]![sample] = file.bytes[offset + l]!;
      const pixels = offset + labelBytes;
      const base = sample * pixelsPerImage;
      for (let p = 0; p < 1024; p++) {
        images[base + 3 * p] = file.bytes[pixels + p]! / 255;
        images[base + 3 * p + 1] = file.bytes[pixels + 1024 + p]! / 255;
        images[base + 3 * p + 2] = file.bytes[pixels + 2048 + p]! / 255;
      }
    }
  }
  return { images, labels, count };
}

/** Parses CIFAR-10 binary batches (1 label byte + 3072 pixel bytes per record), concatenated in order. */
export function parseCifar10Batches(files: readonly CifarBatchFile[], name = 'cifar10'): LabeledImageSet {
  checkFiles('parseCifar10Batches', files);
  const { images, labels, count } = decodeRecords(files, 1, 'cifar10');
  checkLabels(labels[0]!, 10, files.map((file) => file.fileName ?? '<bytes>').join(', '), 'cifar10');
  return {
    name,
    images,
    shape: [count, 32, 32, 3],
    labels: labels[0]!,
    numClasses: 10,
    classNames: cifar10Description.classNames,
    normalization: cifar10Description.normalization,
  };
}

/** Parses CIFAR-100 binary files (coarse label byte, fine label byte, 3072 pixel bytes per record). */
export function parseCifar100Batches(files: readonly CifarBatchFile[], name = 'cifar100'): Cifar100ImageSet {
  checkFiles('parseCifar100Batches', files);
  const { images, labels, count } = decodeRecords(files, 2, 'cifar100');
  const fileNames = files.map((file) => file.fileName ?? '<bytes>').join(', ');
  checkLabels(labels[0]!, 20, fileNames, 'cifar100 (coarse)');
  checkLabels(labels[1]!, 100, fileNames, 'cifar100 (fine)');
  return {
    name,
    images,
    shape: [count, 32, 32, 3],
    labels: labels[1]!,
    coarseLabels: labels[0]!,
    numClasses: 100,
    classNames: cifar100Description.classNames,
    coarseClassNames: cifar100CoarseClassNames,
    normalization: cifar100Description.normalization,
  };
}
