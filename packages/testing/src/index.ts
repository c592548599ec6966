export { describeForBackends, useBackend } from './describe-for-backends';
export type { TestBackendName } from './describe-for-backends';
export { expectClose } from './expect-close';
export type { CloseOptions } from './expect-close';
export { numericalGradient } from './numerical-gradient';
export { expectNoLeaks } from './expect-no-leaks';
export { createTinyConvNet } from './tiny-conv-net';
export { provokeWebgpuDeviceError } from './provoke-webgpu-error';
export type { TinyConvNetOptions } from './tiny-conv-net';

/** Named timeouts so slow suites say why they wait. */
export const TIMEOUTS = Object.freeze({
  backendSetup: 30_000,
  gradientSuite: 120_000,
  parity: 120_000,
  // Whole zoo models on the pure-JS cpu backend: minutes on a loaded 2-core machine.
  cpuReference: 600_000,
});
