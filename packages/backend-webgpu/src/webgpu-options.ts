/** Dawn's backend flag values (`create(['backend=...'])`); which ones exist depends on the platform. */
export type DawnBackendType = 'vulkan' | 'opengles' | 'opengl' | 'metal' | 'd3d12' | 'd3d11' | 'null';

/** Where and how the WebGPU adapter is found. Dawn options apply in Node only; browsers ignore them. */
export interface WebgpuOptions {
  /** Dawn backend (`backend=` flag). Default: Dawn's choice (Vulkan on Linux, Metal on macOS, D3D12 on Windows). */
  readonly dawnBackend?: DawnBackendType;
  /** Dawn `adapter=` flag: a substring of the adapter name to pick, e.g. `NVIDIA` or `llvmpipe`. */
  readonly adapterName?: string;
  /** Further raw Dawn flags, e.g. `enable-dawn-features=allow_unsafe_apis`. */
  readonly dawnFlags?: readonly string[];
  /**
   * `requestAdapter({ featureLevel })`. Dawn's OpenGL ES backend offers only `compatibility`
   * adapters. Default: `compatibility` when `dawnBackend` is `opengles` or `opengl`, else `core`.
   */
  readonly featureLevel?: 'core' | 'compatibility';
  /** `requestAdapter({ powerPreference })`; default `high-performance`. */
  readonly powerPreference?: 'high-performance' | 'low-power';
  /**
   * Whether `selectBackend('auto')` may pick a software adapter (llvmpipe, lavapipe, SwiftShader).
   * Default false: software WebGPU measured about 9× slower than wasm for a TTA step, so `auto`
   * skips it (an explicit `selectBackend('webgpu')` still runs on it). When true, the backend's
   * priority drops to 5 (above cpu 0, below wasm 10).
   */
  readonly allowSoftwareAdapter?: boolean;
}
