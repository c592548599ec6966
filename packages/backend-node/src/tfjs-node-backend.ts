import { createTfjsNodeBackend } from './create-tfjs-node-backend';

/**
 * `@tensorflow/tfjs-node`: libtensorflow's CPU kernels through a native addon. Priority 20
 * under `auto` (above wasm, below webgpu on hardware and tfjs-node-gpu). Optional peer: when it is
 * not installed, `isSupported()` is false and `setup()` says what to install.
 */
export const tfjsNodeBackend = createTfjsNodeBackend({
  name: 'tfjs-node',
  packageName: '@tensorflow/tfjs-node',
  priority: 20,
});
