import type { LabeledImageSet } from '@zerosiam/core';
import { checkLabels } from './check-labels';
import type { DatasetDescription } from './dataset-description';
import { parseIdx } from './parse-idx';
import { malformedFile } from './read-errors';

export interface IdxImageSetOptions {
  /** IDX images file: [count, rows, cols] unsigned bytes (raw or gzip). */
  readonly images: Uint8Array;
  /** IDX labels file: [count] unsigned bytes (raw or gzip). */
  readonly labels: Uint8Array;
  readonly description: DatasetDescription;
  /** Set name, e.g. `fashion-mnist/test`; defaults to `<description.id>`. */
  readonly name?: string;
  /** File names used in error messages. */
  readonly imagesFileName?: string;
  readonly labelsFileName?: string;
}

/** Parses an IDX image/label pair (MNIST, Fashion-MNIST, KMNIST) into pixels in [0, 1], NHWC. */
export function idxImageSet(options: IdxImageSetOptions): LabeledImageSet {
  const imagesFileName = options.imagesFileName ?? '<images bytes>';
  const labelsFileName = options.labelsFileName ?? '<labels bytes>';
  const { description } = options;
  const images = parseIdx(options.images, imagesFileName);
  const labels = parseIdx(options.labels, labelsFileName);
  const [height, width, channels] = description.imageShape;
  if (images.dims.length !== 3 || images.dims[1] !== height || images.dims[2] !== width || channels !== 1) {
    throw malformedFile({
      what: `${description.id} images`,
      fileName: imagesFileName,
      expected: `IDX dimensions [count, ${height}, ${width}]`,
      received: `[${images.dims.join(', ')}]`,
      fix: 'pass the images file (…-images-idx3-ubyte), not the labels file, of the matching data set.',
    });
  }
  if (labels.dims.length !== 1) {
    throw malformedFile({
      what: `${description.id} labels`,
      fileName: labelsFileName,
      expected: 'IDX dimensions [count]',
      received: `[${labels.dims.join(', ')}]`,
      fix: 'pass the labels file (…-labels-idx1-ubyte), not the images file.',
    });
  }
  const count = images.dims[0]!;
  if (labels.dims[0] !== count) {
    throw malformedFile({
      what: `${description.id} labels`,
      fileName: labelsFileName,
      expected: `${count} labels (one per image in ${imagesFileName})`,
      received: `${labels.dims[0]} labels`,
      fix: 'pair files of the same split (t10k-images with t10k-labels, train-images with train-labels).',
    });
  }
  const pixels = new Float32Array(images.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = images.data[i]! / 255;
  const labelArray = Int32Array.from(labels.data);
  checkLabels(labelArray, description.numClasses, labelsFileName, description.id);
  return {
    name: options.name ?? description.id,
    images: pixels,
    shape: [count, height, width, 1],
    labels: labelArray,
    numClasses: description.numClasses,
    classNames: description.classNames,
    normalization: description.normalization,
  };
}
