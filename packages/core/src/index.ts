export type {
  AdaptableModel,
  ModelSnapshot,
  NormMode,
  NormSelection,
  ParameterGroup,
} from './contracts/adaptable-model';
export type { AdaptationOutput } from './contracts/adaptation-output';
export type { BackendSetupOptions, ComputeBackend } from './contracts/compute-backend';
export type { LabeledImageSet } from './contracts/labeled-image-set';
export type { Normalization } from './contracts/normalization';
export type { Divergence, Objective, Reduction, ReductionOptions } from './contracts/objective';
export type { Batch, Stream, StreamInfo } from './contracts/stream';
export type { StepDiagnostics, StepResult, TtaMethod } from './contracts/tta-method';

export { ZeroSiamError } from './errors/zerosiam-error';
export { InvalidArgumentError } from './errors/invalid-argument-error';
export { NonFiniteError } from './errors/non-finite-error';
export { UnknownNameError } from './errors/unknown-name-error';
export { BackendUnavailableError } from './errors/backend-unavailable-error';
export { MissingDataError } from './errors/missing-data-error';
export { ShapeMismatchError } from './errors/shape-mismatch-error';
export { describeValue } from './errors/describe-value';
export { editDistance, nearestName } from './errors/nearest-name';

export {
  assertFinite,
  assertFiniteDeferred,
  assertLogits,
  assertTensor,
  canReadSynchronously,
} from './validate/assert-tensor';
export type { ArgumentContext } from './validate/assert-tensor';

export { addMany } from './add-many';
export { readAndDispose } from './read-and-dispose';
export { stopGradient } from './stop-gradient';
export { batchToTensor } from './batch-to-tensor';

export { SeededRng } from './rng/seeded-rng';
export { logGamma } from './rng/log-gamma';

export type { Optimizer, OptimizerSnapshot, ParamGroupOptions } from './optim/optimizer';
export { createSgd } from './optim/sgd';
export type { SgdOptions } from './optim/sgd';
export { createAdam } from './optim/adam';
export type { AdamOptions } from './optim/adam';

export { restoreVariables, snapshotVariables } from './state/variable-snapshot';
export type { VariableSnapshot } from './state/variable-snapshot';

export { createRegistry } from './registry/create-registry';
export type { Registry } from './registry/create-registry';

export { cpuBackend } from './backend/cpu-backend';
export { ensureGradients } from './backend/ensure-gradients';
export { registerBackend, registeredBackendNames, selectBackend } from './backend/select-backend';
export type { SelectBackendOptions, SelectedBackend } from './backend/select-backend';
