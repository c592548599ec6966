import { join } from 'node:path';
import type { LabeledImageSet } from '@zerosiam/core';
import { type Cifar100ImageSet, parseCifar100Batches, parseCifar10Batches } from '../readers/cifar-binary';
import { type CorruptedCifarOptions, parseCorruptedCifar } from '../readers/corrupted-cifar';
import { checkSplit, type IdxSplit } from './load-idx-image-set';
import { readFileBytes } from './read-file-bytes';

export interface LoadCifarOptions {
  readonly split: IdxSplit;
  /** `cifar-10-batches-bin` (CIFAR-10) or `cifar-100-binary` (CIFAR-100) from the binary release. */
  readonly dataDir: string;
}

/** Loads CIFAR-10 from the binary release: `data_batch_1..5.bin` (train) or `test_batch.bin` (test). */
export async function loadCifar10(options: LoadCifarOptions): Promise<LabeledImageSet> {
  checkSplit('loadCifar10', options?.split);
  const names =
    options.split === 'train' ? [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`) : ['test_batch.bin'];
  const fix =
    'download the CIFAR-10 binary version (cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html), ' +
    'extract it and pass the cifar-10-batches-bin folder as dataDir.';
  const files = await Promise.all(
    names.map(async (name) => {
      const fileName = join(options.dataDir, name);
      return { bytes: await readFileBytes(fileName, 'CIFAR-10 batch', fix), fileName };
    }),
  );
  return parseCifar10Batches(files, `cifar10/${options.split}`);
}

/** Loads CIFAR-100 (fine + coarse labels) from the binary release: `train.bin` or `test.bin`. */
export async function loadCifar100(options: LoadCifarOptions): Promise<Cifar100ImageSet> {
  checkSplit('loadCifar100', options?.split);
  const fileName = join(options.dataDir, `${options.split}.bin`);
  const fix =
    'download the CIFAR-100 binary version (cifar-100-binary.tar.gz), extract it and pass the cifar-100-binary folder as dataDir.';
  const bytes = await readFileBytes(fileName, 'CIFAR-100 file', fix);
  return parseCifar100Batches([{ bytes, fileName }], `cifar100/${options.split}`);
}

export interface LoadCorruptedCifarOptions
  extends Omit<CorruptedCifarOptions, 'images' | 'labels' | 'imagesFileName' | 'labelsFileName'> {
  /** Folder of the release (`CIFAR-10-C/`), holding `<corruption>.npy` and `labels.npy`. */
  readonly dataDir: string;
}

/** Loads one corruption at one severity from a CIFAR-10-C / CIFAR-100-C folder. */
export async function loadCorruptedCifar(options: LoadCorruptedCifarOptions): Promise<LabeledImageSet> {
  const release = options.dataset === 'cifar100' ? 'CIFAR-100-C' : 'CIFAR-10-C';
  const fix = `download ${release} (https://zenodo.org/record/2535967 for CIFAR-10-C, 3555552 for CIFAR-100-C), extract it and pass the folder as dataDir.`;
  const imagesFileName = join(options.dataDir, `${options.corruption}.npy`);
  const labelsFileName = join(options.dataDir, 'labels.npy');
  const [images, labels] = await Promise.all([
    readFileBytes(imagesFileName, `${release} ${options.corruption}`, fix),
    readFileBytes(labelsFileName, `${release} labels`, fix),
  ]);
  return parseCorruptedCifar({ ...options, images, labels, imagesFileName, labelsFileName });
}
