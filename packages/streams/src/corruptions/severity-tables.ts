/**
 * Severity ladders (index 0 = severity 1) of hendrycks/robustness `make_cifar_c.py` (32 px) and
 * `make_imagenet_c.py` (224 px). Values given in reference/corruptions-and-streams.md §4.2 are
 * authoritative; the snow, elastic and validation ladders below severity 5 were written from the
 * upstream scripts as remembered (see docs/protocols/corruptions.md).
 */
export type CorruptionTableName = 'cifar' | 'imagenet';

export type Ladder<T> = readonly [T, T, T, T, T];

/** numpy `arange(1, stop, step)` materialised: `count` values 1 + i·((1 + step) − 1), as numpy fills them. */
export interface ZoomRange {
  readonly count: number;
  readonly step: number;
}

export interface SnowLevel {
  readonly mean: number;
  readonly std: number;
  readonly zoom: number;
  readonly threshold: number;
  readonly blurRadius: number;
  readonly blurSigma: number;
  readonly blend: number;
}

export interface SpatterLevel {
  readonly mean: number;
  readonly std: number;
  readonly sigma: number;
  readonly threshold: number;
  readonly intensity: number;
  /** 0 = water (turquoise rims), 1 = mud (brown blots). */
  readonly mud: 0 | 1;
}

export interface SeverityTable {
  readonly nativeSize: number;
  readonly gaussianNoise: Ladder<number>;
  readonly shotNoise: Ladder<number>;
  readonly impulseNoise: Ladder<number>;
  readonly defocusBlur: Ladder<{ radius: number; aliasBlur: number }>;
  readonly glassBlur: Ladder<{
    sigma: number;
    maxDelta: number;
    iterations: number;
  }>;
  readonly motionBlur: Ladder<{ radius: number; sigma: number }>;
  readonly zoomBlur: Ladder<ZoomRange>;
  readonly snow: Ladder<SnowLevel>;
  readonly frost: Ladder<{ imageWeight: number; frostWeight: number }>;
  readonly fog: Ladder<{ strength: number; decay: number }>;
  readonly brightness: Ladder<number>;
  readonly contrast: Ladder<number>;
  /** Already multiplied by the table's reference size (32, or upstream's 244 for ImageNet). */
  readonly elasticTransform: Ladder<{
    alpha: number;
    sigma: number;
    jitter: number;
  }>;
  readonly pixelate: Ladder<number>;
  readonly jpegCompression: Ladder<number>;
  readonly speckleNoise: Ladder<number>;
  readonly gaussianBlur: Ladder<number>;
  readonly spatter: Ladder<SpatterLevel>;
  readonly saturate: Ladder<{ scale: number; offset: number }>;
}

const snow = (
  mean: number,
  std: number,
  zoom: number,
  threshold: number,
  blurRadius: number,
  blurSigma: number,
  blend: number,
): SnowLevel => ({ mean, std, zoom, threshold, blurRadius, blurSigma, blend });

const spatter = (
  mean: number,
  std: number,
  sigma: number,
  threshold: number,
  intensity: number,
  mud: 0 | 1,
): SpatterLevel => ({ mean, std, sigma, threshold, intensity, mud });

const elastic = (size: number, alpha: number, sigma: number, jitter: number) => ({
  alpha: size * alpha,
  sigma: size * sigma,
  jitter: size * jitter,
});

export const CIFAR_TABLE: SeverityTable = {
  nativeSize: 32,
  gaussianNoise: [0.04, 0.06, 0.08, 0.09, 0.1],
  shotNoise: [500, 250, 100, 75, 50],
  impulseNoise: [0.01, 0.02, 0.03, 0.05, 0.07],
  defocusBlur: [
    { radius: 0.3, aliasBlur: 0.4 },
    { radius: 0.4, aliasBlur: 0.5 },
    { radius: 0.5, aliasBlur: 0.6 },
    { radius: 1, aliasBlur: 0.2 },
    { radius: 1.5, aliasBlur: 0.1 },
  ],
  glassBlur: [
    { sigma: 0.05, maxDelta: 1, iterations: 1 },
    { sigma: 0.25, maxDelta: 1, iterations: 1 },
    { sigma: 0.4, maxDelta: 1, iterations: 1 },
    { sigma: 0.25, maxDelta: 1, iterations: 2 },
    { sigma: 0.4, maxDelta: 1, iterations: 2 },
  ],
  motionBlur: [
    { radius: 6, sigma: 1 },
    { radius: 6, sigma: 1.5 },
    { radius: 6, sigma: 2 },
    { radius: 8, sigma: 2 },
    { radius: 9, sigma: 2.5 },
  ],
  // arange(1, 1.06|1.11|1.16|1.21|1.26, 0.01): the first two include their stop value (float quirk).
  zoomBlur: [
    { count: 7, step: 0.01 },
    { count: 12, step: 0.01 },
    { count: 16, step: 0.01 },
    { count: 21, step: 0.01 },
    { count: 26, step: 0.01 },
  ],
  snow: [
    snow(0.1, 0.2, 1, 0.6, 8, 3, 0.95),
    snow(0.1, 0.2, 1, 0.5, 10, 4, 0.9),
    snow(0.15, 0.3, 1.75, 0.55, 10, 4, 0.9),
    snow(0.25, 0.3, 2.25, 0.6, 12, 6, 0.85),
    snow(0.3, 0.3, 1.25, 0.65, 14, 12, 0.8),
  ],
  frost: [
    { imageWeight: 1, frostWeight: 0.2 },
    { imageWeight: 1, frostWeight: 0.3 },
    { imageWeight: 0.9, frostWeight: 0.4 },
    { imageWeight: 0.85, frostWeight: 0.4 },
    { imageWeight: 0.75, frostWeight: 0.45 },
  ],
  fog: [
    { strength: 0.2, decay: 3 },
    { strength: 0.5, decay: 3 },
    { strength: 0.75, decay: 2.5 },
    { strength: 1, decay: 2 },
    { strength: 1.5, decay: 1.75 },
  ],
  brightness: [0.05, 0.1, 0.15, 0.2, 0.3],
  contrast: [0.75, 0.5, 0.4, 0.3, 0.15],
  elasticTransform: [
    elastic(32, 0, 0, 0.08),
    elastic(32, 0.05, 0.2, 0.07),
    elastic(32, 0.08, 0.06, 0.06),
    elastic(32, 0.1, 0.04, 0.05),
    elastic(32, 0.1, 0.03, 0.03),
  ],
  pixelate: [0.95, 0.9, 0.85, 0.75, 0.65],
  jpegCompression: [80, 65, 58, 50, 40],
  speckleNoise: [0.06, 0.1, 0.12, 0.16, 0.2],
  gaussianBlur: [0.4, 0.6, 0.7, 0.8, 1],
  spatter: [
    spatter(0.62, 0.1, 0.7, 0.7, 0.5, 0),
    spatter(0.65, 0.1, 0.8, 0.7, 0.5, 0),
    spatter(0.65, 0.3, 1, 0.69, 0.5, 0),
    spatter(0.65, 0.1, 0.7, 0.69, 0.6, 1),
    spatter(0.65, 0.1, 0.5, 0.68, 0.6, 1),
  ],
  saturate: [
    { scale: 0.3, offset: 0 },
    { scale: 0.1, offset: 0 },
    { scale: 1.5, offset: 0 },
    { scale: 2, offset: 0.1 },
    { scale: 2.5, offset: 0.2 },
  ],
};

export const IMAGENET_TABLE: SeverityTable = {
  nativeSize: 224,
  gaussianNoise: [0.08, 0.12, 0.18, 0.26, 0.38],
  shotNoise: [60, 25, 12, 5, 3],
  impulseNoise: [0.03, 0.06, 0.09, 0.17, 0.27],
  defocusBlur: [
    { radius: 3, aliasBlur: 0.1 },
    { radius: 4, aliasBlur: 0.5 },
    { radius: 6, aliasBlur: 0.5 },
    { radius: 8, aliasBlur: 0.5 },
    { radius: 10, aliasBlur: 0.5 },
  ],
  glassBlur: [
    { sigma: 0.7, maxDelta: 1, iterations: 2 },
    { sigma: 0.9, maxDelta: 2, iterations: 1 },
    { sigma: 1, maxDelta: 2, iterations: 3 },
    { sigma: 1.1, maxDelta: 3, iterations: 2 },
    { sigma: 1.5, maxDelta: 4, iterations: 2 },
  ],
  motionBlur: [
    { radius: 10, sigma: 3 },
    { radius: 15, sigma: 5 },
    { radius: 15, sigma: 8 },
    { radius: 15, sigma: 12 },
    { radius: 20, sigma: 15 },
  ],
  // arange(1, 1.11, .01), (1, 1.16, .01), (1, 1.21, .02), (1, 1.26, .02), (1, 1.31, .03).
  zoomBlur: [
    { count: 12, step: 0.01 },
    { count: 16, step: 0.01 },
    { count: 11, step: 0.02 },
    { count: 13, step: 0.02 },
    { count: 11, step: 0.03 },
  ],
  snow: [
    snow(0.1, 0.3, 3, 0.5, 10, 4, 0.8),
    snow(0.2, 0.3, 2, 0.5, 12, 4, 0.7),
    snow(0.55, 0.3, 4, 0.9, 12, 8, 0.7),
    snow(0.55, 0.3, 4.5, 0.85, 12, 8, 0.65),
    snow(0.55, 0.3, 2.5, 0.85, 12, 12, 0.55),
  ],
  frost: [
    { imageWeight: 1, frostWeight: 0.4 },
    { imageWeight: 0.8, frostWeight: 0.6 },
    { imageWeight: 0.7, frostWeight: 0.7 },
    { imageWeight: 0.65, frostWeight: 0.7 },
    { imageWeight: 0.6, frostWeight: 0.75 },
  ],
  fog: [
    { strength: 1.5, decay: 2 },
    { strength: 2, decay: 2 },
    { strength: 2.5, decay: 1.7 },
    { strength: 2.5, decay: 1.5 },
    { strength: 3, decay: 1.4 },
  ],
  brightness: [0.1, 0.2, 0.3, 0.4, 0.5],
  contrast: [0.4, 0.3, 0.2, 0.1, 0.05],
  // 244 instead of 224 is upstream's typo, kept so severities match ImageNet-C.
  elasticTransform: [
    elastic(244, 2, 0.7, 0.1),
    elastic(244, 2, 0.08, 0.2),
    elastic(244, 0.05, 0.01, 0.02),
    elastic(244, 0.07, 0.01, 0.02),
    elastic(244, 0.12, 0.01, 0.02),
  ],
  pixelate: [0.6, 0.5, 0.4, 0.3, 0.25],
  jpegCompression: [25, 18, 15, 10, 7],
  speckleNoise: [0.15, 0.2, 0.35, 0.45, 0.6],
  gaussianBlur: [1, 2, 3, 4, 6],
  spatter: [
    spatter(0.65, 0.3, 4, 0.69, 0.6, 0),
    spatter(0.65, 0.3, 3, 0.68, 0.6, 0),
    spatter(0.65, 0.3, 2, 0.68, 0.5, 0),
    spatter(0.65, 0.3, 1, 0.65, 1.5, 1),
    spatter(0.67, 0.4, 1, 0.65, 1.5, 1),
  ],
  saturate: [
    { scale: 0.3, offset: 0 },
    { scale: 0.1, offset: 0 },
    { scale: 2, offset: 0 },
    { scale: 5, offset: 0.1 },
    { scale: 20, offset: 0.2 },
  ],
};

export function getSeverityTable(name: CorruptionTableName): SeverityTable {
  return name === 'cifar' ? CIFAR_TABLE : IMAGENET_TABLE;
}

/** The zoom factors of a ladder entry exactly as numpy's arange produces them. */
export function zoomFactors(range: ZoomRange): number[] {
  const delta = 1 + range.step - 1;
  return Array.from({ length: range.count }, (_, i) => 1 + i * delta);
}
