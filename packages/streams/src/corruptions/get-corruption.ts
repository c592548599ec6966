import { createRegistry } from '@zerosiam/core';
import { defocusBlur, gaussianBlur, glassBlur, motionBlur, zoomBlur } from './blur-corruptions';
import type { CorruptionDefinition, CorruptionName } from './corruption-definition';
import {
  brightness,
  contrast,
  elasticTransform,
  jpegCompression,
  pixelate,
  saturate,
} from './digital-corruptions';
import { gaussianNoise, impulseNoise, shotNoise, speckleNoise } from './noise-corruptions';
import { fog, frost, snow, spatter } from './weather-corruptions';

const corruptionRegistry = createRegistry<CorruptionDefinition>('corruption', {
  gaussian_noise: gaussianNoise,
  shot_noise: shotNoise,
  impulse_noise: impulseNoise,
  defocus_blur: defocusBlur,
  glass_blur: glassBlur,
  motion_blur: motionBlur,
  zoom_blur: zoomBlur,
  snow,
  frost,
  fog,
  brightness,
  contrast,
  elastic_transform: elasticTransform,
  pixelate,
  jpeg_compression: jpegCompression,
  speckle_noise: speckleNoise,
  gaussian_blur: gaussianBlur,
  spatter,
  saturate,
} satisfies Record<CorruptionName, CorruptionDefinition>);

/**
 * Looks a corruption up by name (the 15 benchmark ones and the 4 validation ones), or passes a
 * definition through. Unknown names throw an UnknownNameError listing the valid names.
 */
export function getCorruption(nameOrDefinition: string | CorruptionDefinition): CorruptionDefinition {
  return corruptionRegistry.get(nameOrDefinition);
}

/** All registered corruption names, benchmark ones first in canonical order. */
export const corruptionNames: readonly string[] = corruptionRegistry.names;
