import type { WebgpuOptions } from './webgpu-options';

/** The parts of the WebGPU API this package touches (no dependency on @webgpu/types). */
export interface GpuAdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}
export interface GpuAdapterLike {
  readonly info?: GpuAdapterInfoLike;
  readonly isFallbackAdapter?: boolean;
  readonly features: { has(feature: string): boolean };
  readonly limits: Record<string, number>;
  requestDevice(descriptor?: unknown): Promise<unknown>;
}
export interface GpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<GpuAdapterLike | null>;
}

export interface WebgpuAdapterProbe {
  /** Whether an adapter was found. */
  readonly available: boolean;
  /** Whether it is a software rasteriser (llvmpipe, lavapipe, SwiftShader, WARP). */
  readonly software: boolean;
  /** The adapter in words, or why there is none. */
  readonly description: string;
  /** Set when no adapter was found: what went wrong, and the fix. */
  readonly reason?: string;
  readonly fix?: string;
}

const softwareNames = /llvmpipe|lavapipe|swiftshader|softpipe|software|microsoft basic render|warp/i;

/**
 * A software adapter by the spec's flag or, since Dawn's GL backend does not set that flag on
 * llvmpipe (measured: `isFallbackAdapter` false for "llvmpipe, OpenGL ES 3.2 Mesa 22.3.6"), by name.
 */
export function isSoftwareAdapter(adapter: GpuAdapterLike): boolean {
  const info = adapter.info ?? {};
  if (info.isFallbackAdapter === true || adapter.isFallbackAdapter === true) return true;
  return softwareNames.test([info.vendor, info.architecture, info.device, info.description].join(' '));
}

export function describeAdapter(adapter: GpuAdapterLike): string {
  const info = adapter.info ?? {};
  const name = [info.vendor, info.device || info.architecture].filter(Boolean).join(' ').trim();
  const detail = info.description && info.description !== name ? info.description : '';
  return [name || 'unnamed adapter', detail && `(${detail})`].filter(Boolean).join(' ');
}

export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** Dawn flags for `create()`, from the options. */
export function dawnFlags(options: WebgpuOptions): string[] {
  const flags = [...(options.dawnFlags ?? [])];
  if (options.dawnBackend) flags.push(`backend=${options.dawnBackend}`);
  if (options.adapterName) flags.push(`adapter=${options.adapterName}`);
  return flags;
}

export function adapterOptions(options: WebgpuOptions): Record<string, unknown> {
  const gl = options.dawnBackend === 'opengles' || options.dawnBackend === 'opengl';
  return {
    powerPreference: options.powerPreference ?? 'high-performance',
    featureLevel: options.featureLevel ?? (gl ? 'compatibility' : 'core'),
  };
}

interface DawnModule {
  create(flags: string[]): GpuLike;
  globals: Record<string, unknown>;
}

let dawn: Promise<DawnModule> | undefined;
const gpus = new Map<string, GpuLike>();

// A variable specifier keeps bundlers from resolving the optional `webgpu` package at build time.
const dawnSpecifier = 'webgpu';

/**
 * The GPU object: `navigator.gpu` in a browser (or wherever it already exists), else a Dawn
 * instance from the optional `webgpu` npm package, one per set of flags. Throws when neither exists.
 */
export async function getGpu(options: WebgpuOptions): Promise<GpuLike> {
  const existing = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!isNode()) {
    if (!existing) throw new Error('navigator.gpu is undefined: this browser does not expose WebGPU');
    return existing;
  }
  const flags = dawnFlags(options);
  const key = flags.join('\n');
  const cached = gpus.get(key);
  if (cached) return cached;
  dawn ??= import(/* @vite-ignore */ dawnSpecifier) as Promise<DawnModule>;
  let module: DawnModule;
  try {
    module = await dawn;
  } catch (cause) {
    dawn = undefined;
    throw cause;
  }
  // Dawn's GL backend needs EGL; without a display server, EGL only initialises on Mesa's
  // surfaceless platform (measured: EGL_NOT_INITIALIZED otherwise).
  const gl = options.dawnBackend === 'opengles' || options.dawnBackend === 'opengl';
  if (gl && !process.env.EGL_PLATFORM && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    process.env.EGL_PLATFORM = 'surfaceless';
  }
  const gpu = module.create(flags);
  gpus.set(key, gpu);
  return gpu;
}

/** Loads the Dawn globals (GPUBufferUsage, GPUMapMode, ...) into a Node global scope, without overriding any. */
export async function installDawnGlobals(): Promise<void> {
  if (!isNode() || !dawn) return;
  const { globals } = await dawn;
  for (const [name, value] of Object.entries(globals)) {
    if (!(name in globalThis))
      Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
}

/**
 * Looks for a WebGPU adapter with the given options and says what it is. Never throws. In Node
 * this loads the optional `webgpu` package (Dawn), which may print driver warnings to stderr.
 */
export async function probeWebgpuAdapter(options: WebgpuOptions = {}): Promise<WebgpuAdapterProbe> {
  let gpu: GpuLike;
  try {
    gpu = await getGpu(options);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.split('\n')[0]! : String(cause);
    return isNode()
      ? {
          available: false,
          software: false,
          description: 'no WebGPU implementation',
          reason: `the optional 'webgpu' package (Dawn for Node) could not be loaded (${message})`,
          fix: 'npm install webgpu@0.6.2 (prebuilt Dawn binaries ship inside the package; nothing is downloaded at install)',
        }
      : {
          available: false,
          software: false,
          description: 'no WebGPU implementation',
          reason: message,
          fix: 'use a browser with WebGPU enabled (Chrome/Edge 113+ ship it) or @zerosiam/backend-wasm',
        };
  }
  try {
    const adapter = await gpu.requestAdapter(adapterOptions(options));
    if (!adapter) {
      const requested = adapterOptions(options);
      return {
        available: false,
        software: false,
        description: 'no adapter',
        reason: `requestAdapter(${JSON.stringify(requested)}) found no adapter${
          isNode() ? ` with Dawn flags [${dawnFlags(options).join(', ')}]` : ''
        }`,
        fix: isNode()
          ? 'for a GPU on Linux, install the Vulkan loader (libvulkan1) and the vendor ICD (for NVIDIA, nvidia_icd.json and ' +
            'libGLX_nvidia from the full driver; in containers set NVIDIA_DRIVER_CAPABILITIES to include graphics); for a ' +
            "software adapter, install EGL/GLES (libegl1 libgles2 libegl-mesa0) and pass { dawnBackend: 'opengles' }"
          : 'enable WebGPU in the browser, or use @zerosiam/backend-wasm',
      };
    }
    const software = isSoftwareAdapter(adapter);
    return { available: true, software, description: describeAdapter(adapter) };
  } catch (cause) {
    return {
      available: false,
      software: false,
      description: 'adapter request failed',
      reason: cause instanceof Error ? cause.message : String(cause),
      fix: 'check the GPU driver, or use @zerosiam/backend-wasm',
    };
  }
}
