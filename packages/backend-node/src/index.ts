export { tfjsNodeBackend } from './tfjs-node-backend';
export { tfjsNodeGpuBackend } from './tfjs-node-gpu-backend';
export { createTfjsNodeBackend } from './create-tfjs-node-backend';
export type { ModuleLoader, TfjsNodeBackendOptions } from './create-tfjs-node-backend';
