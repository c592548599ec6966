import type * as tf from '@tensorflow/tfjs-core';
import { canReadSynchronously, describeValue, InvalidArgumentError } from '@zerosiam/core';

/**
 * How a step reads values back from the device while it builds its loss (selection scores,
 * softmax rows for EATA and DeYO):
 * - `sync`: inside the gradient tape with `dataSync()`, one forward pass (cpu, wasm, tfjs-node);
 * - `deferred`: every read is awaited outside the tape, so the step works where synchronous
 *   read-back does not exist (WebGPU in Node has no OffscreenCanvas) or stalls the device.
 *   Methods that select samples (EATA, SAR, DeYO) pay one extra forward pass per selection for it
 *   (none when the selection is empty: with nothing to differentiate, the probe is the only pass);
 *   Tent and ZeroSiam read nothing inside the tape and pay nothing;
 * - `auto` (default): `sync` on backends that read back synchronously, else `deferred`.
 * Both modes give the same updates (a test checks it on cpu).
 */
export type ReadbackMode = 'auto' | 'sync' | 'deferred';

const modes: readonly ReadbackMode[] = ['auto', 'sync', 'deferred'];

/** Throws a clear error for anything but a ReadbackMode. */
export function checkReadback(value: unknown, functionName: string): ReadbackMode {
  if (value === undefined) return 'auto';
  if (typeof value === 'string' && (modes as readonly string[]).includes(value)) return value as ReadbackMode;
  throw new InvalidArgumentError({
    functionName,
    argument: 'options.readback',
    expected: `one of ${modes.map((m) => `'${m}'`).join(', ')}`,
    received: describeValue(value),
    fix: "leave it out ('auto') unless you compare the two read-back paths.",
  });
}

/** The mode a step runs in on the active backend. */
export function resolveReadback(mode: ReadbackMode): 'sync' | 'deferred' {
  if (mode === 'auto') return canReadSynchronously() ? 'sync' : 'deferred';
  return mode;
}

/**
 * A selection written once for both modes: it yields every tensor whose values it needs and
 * receives them back. The driver disposes each yielded tensor after reading it.
 */
export type ReadRequests<T> = Generator<tf.Tensor, T, Float32Array>;

/** Runs `requests` with synchronous reads (safe inside a gradient tape). */
export function fulfilSync<T>(requests: ReadRequests<T>): T {
  let next = requests.next();
  while (!next.done) {
    const values = next.value.dataSync() as Float32Array;
    next.value.dispose();
    next = requests.next(values);
  }
  return next.value;
}

/** Runs `requests` with awaited reads (outside any tape). */
export async function fulfilDeferred<T>(requests: ReadRequests<T>): Promise<T> {
  let next = requests.next();
  while (!next.done) {
    const values = (await next.value.data()) as Float32Array;
    next.value.dispose();
    next = requests.next(values);
  }
  return next.value;
}
