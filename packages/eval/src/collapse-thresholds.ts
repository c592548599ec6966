import type { WindowSummary } from './sliding-window';

/**
 * When a window counts as collapsed — OUR OWN rule, not the paper's. A full window of at least
 * `windowSize` samples is collapsed when one class takes at least `dominantShare` of the
 * predictions while the labels do not justify it: that same class holds at most
 * `maxDominantLabelShare` of the window's labels.
 *
 * Comparing the dominant prediction with its own label share (not with the most frequent label)
 * keeps the flag meaningful under online label shift, where any window shorter than a few class
 * blocks is dominated by one label: a model that predicts the block's class is fine, a model that
 * predicts another class for the whole block is collapsed. On a balanced stream the two rules agree.
 * Windows without labels are judged on the predictions alone.
 */
export interface CollapseThresholds {
  /** Samples per window; default 512. */
  readonly windowSize: number;
  /** Share of predictions for the top class that signals collapse; default 0.8. */
  readonly dominantShare: number;
  /** The labels justify the dominant prediction when its class holds more than this share of them; default 0.5. */
  readonly maxDominantLabelShare: number;
}

export const defaultCollapseThresholds: CollapseThresholds = Object.freeze({
  windowSize: 512,
  dominantShare: 0.8,
  maxDominantLabelShare: 0.5,
});

/** Applies the rule above to one window summary; windows that are not yet full never count. */
export function isCollapsedWindow(
  summary: WindowSummary,
  thresholds: CollapseThresholds = defaultCollapseThresholds,
): boolean {
  return (
    summary.full &&
    summary.topPredictionShare >= thresholds.dominantShare &&
    summary.dominantClassLabelShare <= thresholds.maxDominantLabelShare
  );
}
