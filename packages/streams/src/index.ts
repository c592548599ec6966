// Browser-safe entry: typed arrays and bytes only, no node:fs. File-system loaders live in `./node`.

export type { DatasetDescription } from './readers/dataset-description';
export {
  cifar10Description,
  cifar100CoarseClassNames,
  cifar100Description,
  cifar100FineClassNames,
  fashionMnistDescription,
  imagenetNormalization,
  kmnistDescription,
  mnistDescription,
} from './readers/dataset-description';
export type { IdxImageSetOptions } from './readers/idx-image-set';
export { idxImageSet } from './readers/idx-image-set';
export { isGzip, maybeGunzip } from './readers/maybe-gunzip';
export type { IdxArray } from './readers/parse-idx';
export { parseIdx } from './readers/parse-idx';

// corruptions (owned by the corruptions helper)
