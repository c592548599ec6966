import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { simdKernelsEnabled } from '@zerosiam/backend-wasm';

/** The code a cell ran with, so records from different builds of one grid can be told apart. */
export interface SoftwareProvenance {
  /** `git rev-parse HEAD` of the working directory, when it is a git checkout. */
  readonly commit?: string;
  /** Tracked files differed from that commit. */
  readonly dirty?: boolean;
  /** process.version, e.g. `v20.20.2`. */
  readonly node: string;
  /** On wasm: whether @zerosiam/backend-wasm's SIMD kernels were on (false: tfjs' stock kernels). */
  readonly wasmSimdKernels?: boolean;
}

let gitState: { commit?: string; dirty?: boolean } | undefined;

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
  } catch {
    return undefined; // not a checkout, or no git: the record simply has no commit
  }
}

/** Read once per process (a worker runs many cells of the same build); the kernel switch is read per call. */
export function softwareProvenance(): SoftwareProvenance {
  if (gitState === undefined) {
    const commit = git(['rev-parse', 'HEAD']);
    const status = commit === undefined ? undefined : git(['status', '--porcelain', '--untracked-files=no']);
    gitState =
      commit === undefined ? {} : { commit, ...(status !== undefined ? { dirty: status.length > 0 } : {}) };
  }
  return {
    ...gitState,
    node: process.version,
    ...(tf.getBackend() === 'wasm' ? { wasmSimdKernels: simdKernelsEnabled() } : {}),
  };
}
