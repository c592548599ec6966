import { join } from 'node:path';
import type { LabeledImageSet } from '@zerosiam/core';
import { fashionMnistDescription } from '../readers/dataset-description';
import { checkSplit, type LoadMnistFamilyOptions, loadMnistFamily } from './load-idx-image-set';
import { shippedDataDir } from './package-root';

/** Where Debian's `dataset-fashion-mnist` package installs the four IDX files. */
export const debianFashionMnistDir = '/usr/share/datasets/fashion-mnist';

const getFashionMnist =
  "install Debian's package (`apt-get install dataset-fashion-mnist`, files land in /usr/share/datasets/fashion-mnist), " +
  'or download the four IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, ' +
  't10k-labels-idx1-ubyte.gz) from https://github.com/zalandoresearch/fashion-mnist into a folder and pass it as ' +
  'dataDir (bench: --data-dir <folder>).';

/** The folder of the Fashion-MNIST test split shipped inside this package. */
export function shippedFashionMnistDir(): string {
  return join(shippedDataDir(), 'fashion-mnist');
}

/**
 * Loads Fashion-MNIST (10 classes, 28×28×1, pixels in [0, 1]) with its normalisation statistics.
 *
 * - `test` (10,000 images) comes from the copy shipped in this package unless `dataDir` is given.
 * - `train` (60,000 images) is not shipped: it is read from `dataDir`, else from Debian's
 *   `/usr/share/datasets/fashion-mnist`; when neither has it the MissingDataError says how to get it.
 */
export async function loadFashionMnist(options: LoadMnistFamilyOptions): Promise<LabeledImageSet> {
  checkSplit('loadFashionMnist', options?.split);
  const dataDir =
    options.dataDir ?? (options.split === 'test' ? shippedFashionMnistDir() : debianFashionMnistDir);
  return loadMnistFamily(fashionMnistDescription, {
    split: options.split,
    dataDir,
    getIt: getFashionMnist,
    functionName: 'loadFashionMnist',
  });
}
