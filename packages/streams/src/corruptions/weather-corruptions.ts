import { type CorruptionDefinition, luma, scaleInteger, scaleLength } from './corruption-definition';
import { clippedZoom } from './kernels/clipped-zoom';
import { frostTexture } from './kernels/frost-texture';
import { gaussianFilter } from './kernels/gaussian-filter';
import { motionBlur } from './kernels/motion-blur';
import { plasmaFractal } from './kernels/plasma-fractal';
import {
  boxBlur3,
  canny,
  chamferDistance,
  equalizeHistogram,
  filter2DSaturate,
} from './kernels/spatter-mask';

function nextPowerOfTwo(value: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(2, value)));
}

/**
 * Snow: a per-pixel N(μ, s) layer, centre-zoomed by k, zeroed below t, quantised to uint8 (the
 * upstream PNG hop), motion-blurred (radius R, σ S, angle U(−135°, −45°)) with the shifted kernel
 * instead of ImageMagick, quantised again; the image is whitened towards max(x, 1.5·gray + 0.5)
 * with weight 1 − w, and the layer plus its 180° rotation is added. For C = 1, gray = x.
 */
export const snow: CorruptionDefinition = {
  name: 'snow',
  family: 'weather',
  validation: false,
  stochastic: true,
  apply(image, severity, { table, scale, height, width, channels, rng }) {
    const level = table.snow[severity - 1]!;
    const pixels = height * width;
    const layer = new Float32Array(pixels);
    for (let p = 0; p < pixels; p++) layer[p] = rng.normal(level.mean, level.std);
    const zoomed = clippedZoom(layer, height, width, 1, level.zoom);
    for (let p = 0; p < pixels; p++) {
      const v = zoomed[p]! < level.threshold ? 0 : zoomed[p]!;
      zoomed[p] = Math.trunc(Math.min(1, Math.max(0, v)) * 255) / 255;
    }
    const angle = rng.uniform(-135, -45);
    const flakes = motionBlur(
      zoomed,
      height,
      width,
      1,
      scaleInteger(level.blurRadius, scale),
      scaleLength(level.blurSigma, scale),
      angle,
    );
    for (let p = 0; p < pixels; p++) flakes[p] = Math.round(flakes[p]! * 255) / 255;
    const out = new Float32Array(image.length);
    const w = level.blend;
    for (let p = 0; p < pixels; p++) {
      const base = p * channels;
      const gray = channels === 3 ? luma(image[base]!, image[base + 1]!, image[base + 2]!) : image[base]!;
      const whitened = gray * 1.5 + 0.5;
      const snowAmount = flakes[p]! + flakes[pixels - 1 - p]!; // layer + rot90(layer, 2)
      for (let c = 0; c < channels; c++) {
        const x = image[base + c]!;
        out[base + c] = w * x + (1 - w) * Math.max(x, whitened) + snowAmount;
      }
    }
    return out;
  },
};

/**
 * Frost: out = a·x + b·frost with a procedurally generated, seeded ice texture in place of the
 * upstream frost photographs (see frostTexture). For C = 1 the texture's luma is used.
 */
export const frost: CorruptionDefinition = {
  name: 'frost',
  family: 'weather',
  validation: false,
  stochastic: true,
  apply(image, severity, { table, height, width, channels, rng }) {
    const { imageWeight, frostWeight } = table.frost[severity - 1]!;
    const texture = frostTexture(height, width, rng); // [H, W, 3]
    const out = new Float32Array(image.length);
    for (let p = 0; p < height * width; p++) {
      if (channels === 3) {
        for (let c = 0; c < 3; c++)
          out[p * 3 + c] = imageWeight * image[p * 3 + c]! + frostWeight * texture[p * 3 + c]!;
      } else {
        const t = luma(texture[p * 3]!, texture[p * 3 + 1]!, texture[p * 3 + 2]!);
        out[p] = imageWeight * image[p]! + frostWeight * t;
      }
    }
    return out;
  },
};

/**
 * Fog: x + s·plasma (diamond-square map of the next power-of-two size, cropped), then rescaled
 * by M/(M + s) with M the image maximum.
 */
export const fog: CorruptionDefinition = {
  name: 'fog',
  family: 'weather',
  validation: false,
  stochastic: true,
  apply(image, severity, { table, height, width, channels, rng }) {
    const { strength, decay } = table.fog[severity - 1]!;
    let max = 0;
    for (const v of image) if (v > max) max = v;
    const mapSize = nextPowerOfTwo(Math.max(height, width));
    const map = plasmaFractal(mapSize, decay, rng);
    const out = new Float32Array(image.length);
    const factor = max / (max + strength);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const f = strength * map[y * mapSize + x]!;
        const base = (y * width + x) * channels;
        for (let c = 0; c < channels; c++) out[base + c] = (image[base + c]! + f) * factor;
      }
    }
    return out;
  },
};

const WATER = [175 / 255, 238 / 255, 238 / 255] as const;
const MUD = [63 / 255, 42 / 255, 20 / 255] as const;
const SPATTER_KERNEL = [-2, -1, 0, -1, 1, 1, 0, 1, 2] as const;

/**
 * Spatter (validation corruption): a thresholded, blurred N(μ, s) liquid layer. Water (severities
 * 1–3 upstream): turquoise rims from Canny edges → distance transform → equalised relief; mud
 * (4–5): brown blots where the blurred mask exceeds 0.8. For C = 1 the colours' luma is used.
 */
export const spatter: CorruptionDefinition = {
  name: 'spatter',
  family: 'weather',
  validation: true,
  stochastic: true,
  apply(image, severity, { table, scale, height, width, channels, rng }) {
    const level = table.spatter[severity - 1]!;
    const pixels = height * width;
    const noise = new Float32Array(pixels);
    for (let p = 0; p < pixels; p++) noise[p] = rng.normal(level.mean, level.std);
    const liquid = gaussianFilter(noise, height, width, 1, scaleLength(level.sigma, scale), {
      mode: 'nearest',
      truncate: 4,
    });
    for (let p = 0; p < pixels; p++) if (liquid[p]! < level.threshold) liquid[p] = 0;
    const out = Float32Array.from(image);
    if (level.mud === 0) {
      const liquid8 = new Uint8Array(pixels);
      for (let p = 0; p < pixels; p++) liquid8[p] = Math.min(255, Math.max(0, Math.trunc(liquid[p]! * 255)));
      const edges = canny(liquid8, height, width, 50, 150);
      for (let p = 0; p < pixels; p++) edges[p] = 255 - edges[p]!;
      const distance = chamferDistance(edges, height, width);
      for (let p = 0; p < pixels; p++) distance[p] = Math.min(distance[p]!, 20);
      const smoothed = boxBlur3(distance, height, width);
      const distance8 = new Uint8Array(pixels);
      for (let p = 0; p < pixels; p++) distance8[p] = Math.trunc(smoothed[p]!);
      const relief = filter2DSaturate(equalizeHistogram(distance8), height, width, SPATTER_KERNEL);
      const reliefFloat = new Float32Array(pixels);
      for (let p = 0; p < pixels; p++) reliefFloat[p] = relief[p]!;
      const blurredRelief = boxBlur3(reliefFloat, height, width);
      const mask = new Float32Array(pixels);
      let max = 0;
      for (let p = 0; p < pixels; p++) {
        mask[p] = liquid8[p]! * Math.round(blurredRelief[p]!);
        if (mask[p]! > max) max = mask[p]!;
      }
      if (max === 0) return out;
      const grayWater = luma(WATER[0], WATER[1], WATER[2]);
      for (let p = 0; p < pixels; p++) {
        const m = (mask[p]! / max) * level.intensity;
        for (let c = 0; c < channels; c++) {
          out[p * channels + c]! += m * (channels === 3 ? WATER[c]! : grayWater);
        }
      }
      return out;
    }
    const blots = new Float32Array(pixels);
    for (let p = 0; p < pixels; p++) blots[p] = liquid[p]! > level.threshold ? 1 : 0;
    const mask = gaussianFilter(blots, height, width, 1, scaleLength(level.intensity, scale), {
      mode: 'nearest',
      truncate: 4,
    });
    const grayMud = luma(MUD[0], MUD[1], MUD[2]);
    for (let p = 0; p < pixels; p++) {
      const m = mask[p]! < 0.8 ? 0 : mask[p]!;
      for (let c = 0; c < channels; c++) {
        const i = p * channels + c;
        out[i] = image[i]! * (1 - m) + m * (channels === 3 ? MUD[c]! : grayMud);
      }
    }
    return out;
  },
};
