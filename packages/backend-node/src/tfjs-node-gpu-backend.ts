import { createTfjsNodeBackend } from './create-tfjs-node-backend';

/**
 * `@tensorflow/tfjs-node-gpu`: libtensorflow's CUDA kernels through a native addon (Linux x64,
 * CUDA 11.2 / cuDNN 8.1). Priority 40, the highest under `auto`. Optional peer: when it is not
 * installed, `isSupported()` is false and `setup()` says what to install.
 */
export const tfjsNodeGpuBackend = createTfjsNodeBackend({
  name: 'tfjs-node-gpu',
  packageName: '@tensorflow/tfjs-node-gpu',
  priority: 40,
});
