import type { LabeledImageSet } from '@zerosiam/core';
import { kmnistDescription, mnistDescription } from '../readers/dataset-description';
import { type LoadMnistFamilyOptions, loadMnistFamily } from './load-idx-image-set';

/** Loads MNIST from a folder holding the four standard IDX files (`dataDir` is required). */
export async function loadMnist(options: LoadMnistFamilyOptions): Promise<LabeledImageSet> {
  return loadMnistFamily(mnistDescription, {
    ...options,
    functionName: 'loadMnist',
    getIt:
      'download the four MNIST IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, ' +
      't10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) into a folder and pass it as dataDir.',
  });
}

/** Loads Kuzushiji-MNIST from a folder holding its four IDX files (`dataDir` is required). */
export async function loadKmnist(options: LoadMnistFamilyOptions): Promise<LabeledImageSet> {
  return loadMnistFamily(kmnistDescription, {
    ...options,
    functionName: 'loadKmnist',
    getIt:
      'download the four KMNIST IDX files (train-images-idx3-ubyte.gz, …, from https://github.com/rois-codh/kmnist) ' +
      'into a folder and pass it as dataDir.',
  });
}
