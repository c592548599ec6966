export { createWebgpuBackend, webgpuBackend } from './webgpu-backend';
export type { CreateWebgpuBackendOptions, TfjsWebgpuModule, WebgpuSetupOptions } from './webgpu-backend';
export { isSoftwareAdapter, probeWebgpuAdapter } from './probe-webgpu-adapter';
export type { WebgpuAdapterProbe } from './probe-webgpu-adapter';
export type { DawnBackendType, WebgpuOptions } from './webgpu-options';
export { takeWebgpuErrors } from './webgpu-errors';
