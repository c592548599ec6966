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

// scenarios: sources → orderings → batchers, and the named scenarios
export { selectSubset } from './scenarios/subset';
export type { SubsetOptions } from './scenarios/subset';
export { domainsFromSets, lazyDomains } from './scenarios/domain-source';
export type { DomainSource, LazyDomainsOptions } from './scenarios/domain-source';
export { concatPlans, domainPlan, planLabels, reorderPlan } from './scenarios/sample-plan';
export type { SamplePlan } from './scenarios/sample-plan';
export { orderDomains, parseDomainName } from './scenarios/domain-order';
export { labelShiftOrder } from './scenarios/label-shift-order';
export type { LabelShiftOrderOptions } from './scenarios/label-shift-order';
export { dirichletOrder } from './scenarios/dirichlet-order';
export type { DirichletOrderOptions } from './scenarios/dirichlet-order';
export { blindSpotOrder } from './scenarios/blind-spot-order';
export { createPlanStream } from './scenarios/plan-stream';
export type { PlanStreamOptions } from './scenarios/plan-stream';
export { createNoiseStream } from './scenarios/noise-stream';
export type { NoiseStreamOptions } from './scenarios/noise-stream';
export type {
  PhaseMode,
  ScenarioDefinition,
  ScenarioOptions,
  ScenarioPhase,
  ScenarioRun,
} from './scenarios/scenario';
export { resetEachShift, resetEachShiftScenario } from './scenarios/reset-each-shift';
export { continual, continualScenario } from './scenarios/continual';
export { gradual, gradualScenario } from './scenarios/gradual';
export { mixed, mixedScenario } from './scenarios/mixed';
export { labelShift, labelShiftScenario } from './scenarios/label-shift';
export { dirichlet, dirichletScenario } from './scenarios/dirichlet';
export { blindSpot, blindSpotScenario } from './scenarios/blind-spot';
export { noisePreAdaptation, noisePreAdaptationScenario } from './scenarios/noise-pre-adaptation';
export { getScenario, scenarioRegistry } from './scenarios/get-scenario';

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
export { corrupt, corruptionScale, defaultCorruptionTable } from './corruptions/corrupt';
export type { CorruptOptions } from './corruptions/corrupt';
export { corruptImages, corruptedSetName } from './corruptions/corrupt-images';
export type { CorruptImagesOptions } from './corruptions/corrupt-images';
export { CIFAR_TABLE, IMAGENET_TABLE, getSeverityTable, zoomFactors } from './corruptions/severity-tables';
export type { CorruptionTableName, SeverityTable } from './corruptions/severity-tables';
export { CORRUPTION_CODE_VERSION } from './corruptions/corruption-version';
export { encodePng } from './corruptions/encode-png';
export { renderContactSheet, renderContactSheetSvg } from './corruptions/render-contact-sheet';
export type { ContactSheetOptions } from './corruptions/render-contact-sheet';
