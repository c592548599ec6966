import type { CorruptionDefinition } from './corruption-definition';

/** x + N(0, c²) per element. */
export const gaussianNoise: CorruptionDefinition = {
  name: 'gaussian_noise',
  family: 'noise',
  validation: false,
  stochastic: true,
  apply(image, severity, { table, rng }) {
    const c = table.gaussianNoise[severity - 1]!;
    const out = new Float32Array(image.length);
    for (let i = 0; i < image.length; i++) out[i] = image[i]! + rng.normal(0, c);
    return out;
  },
};

/** Poisson(x·c)/c per element (photon noise; λ up to 500 at CIFAR severity 1). */
export const shotNoise: CorruptionDefinition = {
  name: 'shot_noise',
  family: 'noise',
  validation: false,
  stochastic: true,
  apply(image, severity, { table, rng }) {
    const c = table.shotNoise[severity - 1]!;
    const out = new Float32Array(image.length);
    for (let i = 0; i < image.length; i++) out[i] = rng.poisson(Math.max(0, image[i]!) * c) / c;
    return out;
  },
};

/**
 * Salt and pepper per element (channels independent): with probability c the element becomes 1
 * or 0 with equal odds — current scikit-image `random_noise(mode='s&p')`.
 */
export const impulseNoise: CorruptionDefinition = {
  name: 'impulse_noise',
  family: 'noise',
  validation: false,
  stochastic: true,
  apply(image, severity, { table, rng }) {
    const amount = table.impulseNoise[severity - 1]!;
    const out = Float32Array.from(image);
    for (let i = 0; i < image.length; i++) {
      if (rng.uniform() < amount) out[i] = rng.uniform() < 0.5 ? 1 : 0;
    }
    return out;
  },
};

/** x + x·N(0, c²) per element (validation corruption). */
export const speckleNoise: CorruptionDefinition = {
  name: 'speckle_noise',
  family: 'noise',
  validation: true,
  stochastic: true,
  apply(image, severity, { table, rng }) {
    const c = table.speckleNoise[severity - 1]!;
    const out = new Float32Array(image.length);
    for (let i = 0; i < image.length; i++) out[i] = image[i]! + image[i]! * rng.normal(0, c);
    return out;
  },
};
