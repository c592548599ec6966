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
export { parseNpy } from './readers/parse-npy';
export type { NpyArray, NpyDtype } from './readers/parse-npy';
export { parseCifar100Batches, parseCifar10Batches } from './readers/cifar-binary';
export type { Cifar100ImageSet, CifarBatchFile } from './readers/cifar-binary';
export { parseCorruptedCifar } from './readers/corrupted-cifar';
export type { CorruptedCifarOptions } from './readers/corrupted-cifar';
export {
  centerCrop,
  decodeJpeg,
  preprocessImagenetJpeg,
  resizeBilinear,
} from './readers/imagenet-preprocess';
export type { ImagenetPreprocessOptions, RgbImage } from './readers/imagenet-preprocess';
export { createImageFileStream } from './readers/image-file-stream';
export type { ImageFileEntry, ImageFileStreamOptions } from './readers/image-file-stream';
export { selectSubset } from './scenarios/subset';
export type { SubsetOptions } from './scenarios/subset';

// corruptions (owned by the corruptions helper)
export {
  CORRUPTIONS,
  VALIDATION_CORRUPTIONS,
} from './corruptions/corruption-definition';
export type {
  BenchmarkCorruptionName,
  CorruptionContext,
  CorruptionDefinition,
  CorruptionName,
  Severity,
  ValidationCorruptionName,
} from './corruptions/corruption-definition';
export { corruptionNames, getCorruption } from './corruptions/get-corruption';
export { corrupt, defaultCorruptionTable } from './corruptions/corrupt';
export type { CorruptOptions } from './corruptions/corrupt';
export { corruptImages, corruptedSetName } from './corruptions/corrupt-images';
export type { CorruptImagesOptions } from './corruptions/corrupt-images';
export { CIFAR_TABLE, IMAGENET_TABLE, getSeverityTable, zoomFactors } from './corruptions/severity-tables';
export type { CorruptionTableName, SeverityTable } from './corruptions/severity-tables';
export { encodePng } from './corruptions/encode-png';
export { renderContactSheet, renderContactSheetSvg } from './corruptions/render-contact-sheet';
export type { ContactSheetOptions } from './corruptions/render-contact-sheet';
