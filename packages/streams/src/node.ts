// Node-only entry: path-based loaders on top of the byte parsers of the main entry.

export {
  debianFashionMnistDir,
  loadFashionMnist,
  shippedFashionMnistDir,
} from './node/load-fashion-mnist';
export type {
  IdxSplit,
  LoadIdxImageSetOptions,
  LoadMnistFamilyOptions,
} from './node/load-idx-image-set';
export {
  findIdxFile,
  idxFileStems,
  loadIdxImageSet,
} from './node/load-idx-image-set';
export { loadKmnist, loadMnist } from './node/load-mnist';
export { packageRoot, shippedDataDir } from './node/package-root';
export { readFileBytes } from './node/read-file-bytes';
export { loadCifar10, loadCifar100, loadCorruptedCifar } from './node/load-cifar';
export type { LoadCifarOptions, LoadCorruptedCifarOptions } from './node/load-cifar';
export { imagenetCorruptedStream } from './node/imagenet-corrupted-stream';
export type { ImagenetCorruptedStreamOptions } from './node/imagenet-corrupted-stream';

// corruptions (owned by the corruptions helper)
export {
  corruptionCacheKey,
  defaultCorruptionCacheDir,
  hasCachedCorruption,
  loadOrCorrupt,
} from './corruptions/node/load-or-corrupt';
export type { CorruptionCacheHeader, CorruptionCacheOptions } from './corruptions/node/load-or-corrupt';
