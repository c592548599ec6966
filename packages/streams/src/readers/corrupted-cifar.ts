import type { LabeledImageSet } from '@zerosiam/core';
import { InvalidArgumentError, describeValue } from '@zerosiam/core';
import { checkLabels } from './check-labels';
import { cifar100Description, cifar10Description } from './dataset-description';
import { parseNpy } from './parse-npy';
import { malformedFile } from './read-errors';

export interface CorruptedCifarOptions {
  /** `<corruption>.npy`: uint8 (|u1), shape [N, 32, 32, 3], C order. */
  readonly images: Uint8Array;
  /** `labels.npy`: integers, shape [N]. */
  readonly labels: Uint8Array;
  readonly dataset: 'cifar10' | 'cifar100';
  /** Corruption name, used in the set name (`cifar10-c/fog@5`). */
  readonly corruption: string;
  /** 1..5: which stacked block of rows to return (severity k = rows (k−1)·N/5 … k·N/5 − 1). */
  readonly severity: number;
  /** Severities stacked in the file; 5 for the released arrays. Use 1 for a single-severity file. */
  readonly severitiesInFile?: number;
  readonly imagesFileName?: string;
  readonly labelsFileName?: string;
}

/**
 * Reads one severity of a CIFAR-10-C / CIFAR-100-C corruption file (Hendrycks & Dietterich 2019).
 * Only the chosen severity is converted to float, so memory stays at N/5 images.
 */
export function parseCorruptedCifar(options: CorruptedCifarOptions): LabeledImageSet {
  const functionName = 'parseCorruptedCifar';
  const description = options.dataset === 'cifar100' ? cifar100Description : cifar10Description;
  if (options.dataset !== 'cifar10' && options.dataset !== 'cifar100') {
    throw new InvalidArgumentError({
      functionName,
      argument: 'dataset',
      expected: "'cifar10' or 'cifar100'",
      received: describeValue(options.dataset),
    });
  }
  const severitiesInFile = options.severitiesInFile ?? 5;
  if (!Number.isInteger(severitiesInFile) || severitiesInFile < 1) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'severitiesInFile',
      expected: 'an integer >= 1',
      received: describeValue(severitiesInFile),
    });
  }
  const severity = severitiesInFile === 1 ? 1 : options.severity;
  if (!Number.isInteger(severity) || severity < 1 || severity > severitiesInFile) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'severity',
      expected: `an integer in [1, ${severitiesInFile}]`,
      received: describeValue(options.severity),
    });
  }
  const imagesFileName = options.imagesFileName ?? `<${options.corruption}.npy bytes>`;
  const labelsFileName = options.labelsFileName ?? '<labels.npy bytes>';
  const images = parseNpy(options.images, imagesFileName);
  const labels = parseNpy(options.labels, labelsFileName);
  const [rows, height, width, channels] = images.shape;
  if (
    images.dtype !== '|u1' ||
    images.shape.length !== 4 ||
    height !== 32 ||
    width !== 32 ||
    channels !== 3
  ) {
    throw malformedFile({
      what: `${options.dataset}-c images`,
      fileName: imagesFileName,
      expected: 'a uint8 (|u1) array of shape (N, 32, 32, 3)',
      received: `${images.dtype} of shape (${images.shape.join(', ')})`,
      fix: 'pass a <corruption>.npy file from CIFAR-10-C / CIFAR-100-C (not labels.npy).',
    });
  }
  if (
    labels.shape.length !== 1 ||
    labels.shape[0] !== rows ||
    labels.dtype === '<f4' ||
    labels.dtype === '<f8'
  ) {
    throw malformedFile({
      what: `${options.dataset}-c labels`,
      fileName: labelsFileName,
      expected: `an integer array of shape (${rows}) — one label per image in ${imagesFileName}`,
      received: `${labels.dtype} of shape (${labels.shape.join(', ')})`,
      fix: 'pass the labels.npy that sits next to the corruption file of the same release.',
    });
  }
  if (rows! % severitiesInFile !== 0 || rows === 0) {
    throw malformedFile({
      what: `${options.dataset}-c images`,
      fileName: imagesFileName,
      expected: `a positive row count divisible by ${severitiesInFile} (severities stacked)`,
      received: `${rows} rows`,
      fix: 'pass severitiesInFile matching the file (5 for the released arrays, 1 for a single-severity file).',
    });
  }
  const perSeverity = rows! / severitiesInFile;
  const start = (severity - 1) * perSeverity;
  const pixelsPerImage = 32 * 32 * 3;
  const source = images.data as Uint8Array;
  const pixels = new Float32Array(perSeverity * pixelsPerImage);
  const offset = start * pixelsPerImage;
  for (let i = 0; i < pixels.length; i++) pixels[i] = source[offset + i]! / 255;
  const labelArray = new Int32Array(perSeverity);
  for (let i = 0; i < perSeverity; i++) labelArray[i] = Number(labels.data[start + i]);
  checkLabels(labelArray, description.numClasses, labelsFileName, `${options.dataset}-c`);
  return {
    name: `${options.dataset}-c/${options.corruption}@${severity}`,
    images: pixels,
    shape: [perSeverity, 32, 32, 3],
    labels: labelArray,
    numClasses: description.numClasses,
    classNames: description.classNames,
    normalization: description.normalization,
  };
}
