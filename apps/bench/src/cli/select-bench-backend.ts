import { wasmBackend } from '@zerosiam/backend-wasm';
import { selectBackend } from '@zerosiam/core';

/**
 * Activates the configured backend (wasm is registered besides cpu); returns its description.
 * `threads` > 1 asks wasm for its experimental threads (train --threads; worth it only at large
 * batches on idle cores, docs/performance.md).
 */
export async function selectBenchBackend(
  name: string,
  log: (line: string) => void,
  threads?: number,
): Promise<string> {
  const selected = await selectBackend(name, {
    backends: [wasmBackend],
    log,
    ...(threads !== undefined ? { threads } : {}),
  });
  return selected.description;
}
