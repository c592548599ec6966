/**
 * Shortest window the bench will shrink to, in samples per class: below ten samples per class a
 * histogram of predictions is too noisy to call one class "dominant".
 */
export const minimumWindowSamplesPerClass = 10;

/**
 * The window of the collapse flag, prediction entropy and center dominance for one adaptation
 * phase of `streamLength` samples.
 *
 * `eval.windowSize` (512) never fills on a short phase — `paper-bs1` at 100 images per corruption
 * resets before each corruption — so those phases reported no windowed metric and could never be
 * flagged. Such a phase is judged on one window that spans it instead, as long as it holds at least
 * `minimumWindowSamplesPerClass` × classes samples. Phases that fill the configured window are
 * unchanged.
 */
export function collapseWindowFor(configured: number, streamLength: number, numClasses: number): number {
  if (streamLength >= configured) return configured;
  if (streamLength >= minimumWindowSamplesPerClass * numClasses) return streamLength;
  return configured;
}
