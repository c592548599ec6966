/** The part of a GPUDevice this module needs (EventTarget in browsers and in Dawn's Node bindings). */
export interface ErrorReportingDevice {
  addEventListener(
    type: 'uncapturederror',
    listener: (event: { error?: { message?: string } }) => void,
  ): void;
}

// Kept bounded: a broken shader in a loop reports once per dispatch.
const maxKept = 100;
const pending: string[] = [];
let dropped = 0;

/**
 * Records what the device reports through `uncapturederror`. WebGPU validation errors (a shader
 * that does not compile, an invalid pipeline) never throw in JavaScript: the dispatch is skipped
 * and its output buffer keeps stale data, so results computed meanwhile are silently wrong.
 */
export function watchDeviceErrors(device: ErrorReportingDevice): void {
  device.addEventListener('uncapturederror', (event) => {
    if (pending.length < maxKept)
      pending.push(event.error?.message?.split('\n')[0] ?? 'unknown WebGPU error');
    else dropped += 1;
  });
}

/**
 * Returns the errors the WebGPU device reported since the last call, oldest first, and clears them.
 * Empty means nothing went wrong; anything else means results computed since the last call are not
 * to be trusted. Errors surface asynchronously: await a read (`data()`) of the results first.
 */
export function takeWebgpuErrors(): string[] {
  const errors = pending.splice(0);
  if (dropped > 0) errors.push(`… and ${dropped} more`);
  dropped = 0;
  return errors;
}
