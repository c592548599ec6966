import { wasmBackend } from '@zerosiam/backend-wasm';
import { selectBackend } from '@zerosiam/core';

/** Activates the configured backend (wasm is registered besides cpu); returns its description. */
export async function selectBenchBackend(name: string, log: (line: string) => void): Promise<string> {
  const selected = await selectBackend(name, { backends: [wasmBackend], log });
  return selected.description;
}
