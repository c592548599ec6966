import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';

/** The slice of tfjs-backend-cpu's MathBackendCPU that the fallback needs. */
export interface CpuKernelBackend extends tf.KernelBackend {
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: tf.backend_util.BackendValues): tf.TensorInfo;
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  disposeIntermediateTensorInfo(tensorInfo: tf.TensorInfo): void;
}

/**
 * Builds a wasm kernel that runs the cpu backend's implementation of `kernelName`: it copies
 * every input off the wasm heap into a private cpu backend, runs the cpu `kernelFunc` and
 * copies the result back into a wasm output. Exact (the cpu kernels are the reference) but at
 * cpu speed, so it is only used for kernels that tfjs-backend-wasm 4.22 lacks or gets wrong.
 */
export function createCpuFallbackKernel(kernelName: string, cpuBackend: CpuKernelBackend): tf.KernelConfig {
  const cpuKernel = tf.getKernel(kernelName, 'cpu');
  if (!cpuKernel) {
    throw new Error(`tfjs-backend-cpu has no '${kernelName}' kernel to fall back to`);
  }
  const kernelFunc: tf.KernelFunc = ({ inputs, attrs, backend }) => {
    const wasm = backend as unknown as BackendWasm;
    const cpuInputs: Record<string, tf.TensorInfo> = {};
    const created: tf.TensorInfo[] = [];
    try {
      for (const [name, input] of Object.entries(inputs)) {
        if (input === undefined) continue;
        // readSync copies the bytes off the wasm heap, so the cpu tensor owns its values.
        const info = cpuBackend.makeTensorInfo(input.shape, input.dtype, wasm.readSync(input.dataId));
        created.push(info);
        cpuInputs[name] = info;
      }
      const result = cpuKernel.kernelFunc({
        inputs: cpuInputs,
        attrs,
        backend: cpuBackend,
      });
      const results = Array.isArray(result) ? result : [result];
      created.push(...results);
      const outputs = results.map((info) => {
        const output = wasm.makeOutput(info.shape, info.dtype);
        const heap = wasm.typedArrayFromHeap(output);
        heap.set(cpuBackend.readSync(info.dataId) as tf.backend_util.TypedArray);
        return output;
      });
      return Array.isArray(result) ? outputs : (outputs[0] as tf.TensorInfo);
    } finally {
      for (const info of created) cpuBackend.disposeIntermediateTensorInfo(info);
    }
  };
  return { kernelName, backendName: 'wasm', kernelFunc };
}
