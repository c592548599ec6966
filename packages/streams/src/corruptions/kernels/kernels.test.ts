import { describe, expect, it } from 'vitest';
import { getAffineTransform, warpAffine } from './affine';
import { boundaryIndex } from './boundary';
import { boxResize } from './box-resize';
import { clippedZoom, roundHalfEven } from './clipped-zoom';
import { diskKernel } from './disk-kernel';
import { filter2D } from './filter-2d';
import { gaussianFilter, gaussianWeights } from './gaussian-filter';
import { hsvToRgbInPlace, rgbToHsvInPlace } from './hsv';
import { mapCoordinatesLinear } from './map-coordinates';
import { motionBlur } from './motion-blur';

// Hand-computed references: a b c d = indices 0 1 2 3.
describe('boundaryIndex', () => {
  it('reflect101 (OpenCV BORDER_REFLECT_101): d c b | a b c d | c b a', () => {
    expect([-3, -2, -1, 4, 5, 6].map((i) => boundaryIndex(i, 4, 'reflect101'))).toEqual([3, 2, 1, 2, 1, 0]);
    expect(boundaryIndex(-6, 4, 'reflect101')).toBe(0);
  });
  it('reflect (scipy half-sample): c b a | a b c d | d c b', () => {
    expect([-3, -2, -1, 4, 5, 6].map((i) => boundaryIndex(i, 4, 'reflect'))).toEqual([2, 1, 0, 3, 2, 1]);
    expect(boundaryIndex(-9, 4, 'reflect')).toBe(0); // −5..−8 → d c b a, −9 → a
  });
  it('nearest (skimage default): a a a | a b c d | d d d', () => {
    expect([-3, -1, 4, 6].map((i) => boundaryIndex(i, 4, 'nearest'))).toEqual([0, 0, 3, 3]);
  });
  it('a single pixel maps everything to 0', () => {
    expect(boundaryIndex(-2, 1, 'reflect101')).toBe(0);
    expect(boundaryIndex(3, 1, 'reflect')).toBe(0);
  });
});

describe('gaussianFilter', () => {
  // σ = 0.5, truncate 4 → radius int(2.5) = 2; w(i) ∝ exp(−2i²):
  // w0 = 0.78657072588734, w1 = 0.10645077197359, w2 = 0.00026386508274.
  const image = Float32Array.of(1, 0, 0, 0, 0, 0); // [1, 6, 1]
  it('scipy weights', () => {
    const w = gaussianWeights(0.5, 4);
    expect(w.length).toBe(5);
    expect(w[2]).toBeCloseTo(0.78657072588734, 12);
    expect(w[0]).toBeCloseTo(0.00026386508274, 12);
    expect(gaussianWeights(0.05, 4).length).toBe(1); // int(0.2 + 0.5) = 0
    expect(gaussianWeights(0, 3)).toEqual(Float64Array.of(1));
  });
  it('first pixel under each mode', () => {
    const at0 = (mode: 'nearest' | 'reflect' | 'reflect101') =>
      gaussianFilter(image, 1, 6, 1, 0.5, { mode, truncate: 4 })[0]!;
    expect(at0('nearest')).toBeCloseTo(0.89328536294367, 6); // w0 + w1 + w2 (x−1 = x−2 = a)
    expect(at0('reflect')).toBeCloseTo(0.89302149786093, 6); // w0 + w1 (x−1 = a, x−2 = b)
    expect(at0('reflect101')).toBeCloseTo(0.78657072588734, 6); // w0 (x−1 = b, x−2 = c)
  });
  it('blurs channels independently', () => {
    const rgb = Float32Array.of(1, 0, 0.5, 0, 0, 0.5, 0, 0, 0.5); // [1, 3, 3]
    const out = gaussianFilter(rgb, 1, 3, 3, 1, { mode: 'nearest', truncate: 4 });
    for (let x = 0; x < 3; x++) {
      expect(out[x * 3 + 1]).toBeCloseTo(0, 7);
      expect(out[x * 3 + 2]).toBeCloseTo(0.5, 6);
    }
  });
});

describe('filter2D (BORDER_REFLECT_101)', () => {
  const image = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9); // [3, 3, 1]
  it('right-neighbour kernel reads column 1 past the right edge', () => {
    const kernel = Float64Array.of(0, 0, 0, 0, 0, 1, 0, 0, 0);
    const out = filter2D(image, 3, 3, 1, kernel, 3);
    expect(Array.from(out)).toEqual([2, 3, 2, 5, 6, 5, 8, 9, 8]);
  });
  it('top-left kernel reads (1, 1) at the corner', () => {
    const kernel = Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(filter2D(image, 3, 3, 1, kernel, 3)[0]).toBe(5);
  });
});

describe('diskKernel', () => {
  it('CIFAR severity 1: a one-pixel disk anti-aliased by a 3×3 Gaussian (σ 0.4)', () => {
    const { kernel, size } = diskKernel(0.3, 0.4);
    expect(size).toBe(17);
    const c = 8 * 17 + 8;
    expect(kernel[c]).toBeCloseTo(0.844973154672599, 6); // g0²
    expect(kernel[c + 1]).toBeCloseTo(0.037125529410411, 6); // g0·g1
    expect(kernel[c + 18]).toBeCloseTo(0.001631181921439, 6); // g1²
    expect(kernel.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
  it('radius > 8 uses the −r..r grid', () => {
    expect(diskKernel(10, 0.5).size).toBe(21);
  });
});

describe('mapCoordinatesLinear (scipy reflect)', () => {
  const image = Float32Array.of(10, 20, 30, 40); // [1, 4, 1]
  const zeros = new Float32Array(4);
  it('samples the half-sample reflection outside the image', () => {
    const dx = Float32Array.of(-1.5, -0.75, 0.5, 0.5); // x = −1.5, 0.25, 2.5, 3.5
    const out = mapCoordinatesLinear(image, 1, 4, 1, zeros, dx, 'reflect');
    expect(Array.from(out)).toEqual([15, 12.5, 35, 40]);
  });
});

describe('warpAffine (BORDER_REFLECT_101)', () => {
  it('a one-pixel shift reads the reflected column', () => {
    const image = Float32Array.of(10, 20, 30, 40);
    const shift = getAffineTransform([0, 0, 1, 0, 0, 1], [1, 0, 2, 0, 1, 1]);
    expect(shift.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(Array.from(warpAffine(image, 1, 4, 1, shift))).toEqual([20, 10, 20, 30]);
  });
});

describe('clippedZoom', () => {
  it('zoom 1 is the identity', () => {
    const image = Float32Array.from({ length: 25 }, (_, i) => i);
    expect(Array.from(clippedZoom(image, 5, 5, 1, 1))).toEqual(Array.from(image));
  });
  it('corner-aligned bilinear upscaling of the centre crop', () => {
    // n = 4, z = 2: crop ceil(4/2) = 2 pixels from 1, zoom to round(4) = 4 → samples 0, 1/3, 2/3, 1.
    const image = Float32Array.of(0, 3, 6, 9); // [1, 4] rows replicated below
    const tall = new Float32Array(16);
    for (let y = 0; y < 4; y++) tall.set(image, y * 4);
    const out = clippedZoom(tall, 4, 4, 1, 2);
    expect(Array.from(out.subarray(0, 4)).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([3, 4, 5, 6]);
  });
  it('python rounding', () => {
    expect([0.5, 1.5, 2.5, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 3]);
  });
});

describe('rgb ↔ hsv (scikit-image)', () => {
  it('converts and inverts', () => {
    const pixels = Float32Array.of(1, 0.5, 0, 0.2, 0.2, 0.2, 0, 0, 1);
    rgbToHsvInPlace(pixels);
    expect(pixels[0]).toBeCloseTo(1 / 12, 6);
    expect(pixels[1]).toBeCloseTo(1, 6);
    expect(pixels[2]).toBeCloseTo(1, 6);
    expect(Array.from(pixels.subarray(3, 6))).toEqual([0, 0, Math.fround(0.2)]);
    expect(pixels[6]).toBeCloseTo(2 / 3, 6);
    hsvToRgbInPlace(pixels);
    const expected = [1, 0.5, 0, 0.2, 0.2, 0.2, 0, 0, 1];
    for (const [i, v] of expected.entries()) expect(pixels[i]).toBeCloseTo(v, 6);
  });
});

describe('boxResize (Pillow BOX)', () => {
  it('averages 2×2 blocks when halving and replicates when doubling', () => {
    const image = Float32Array.of(0, 2, 4, 6, 8, 10, 12, 14, 0, 0, 4, 4, 0, 0, 4, 4); // [4, 4, 1]
    const small = boxResize(image, 4, 4, 1, 2, 2);
    expect(Array.from(small)).toEqual([5, 9, 0, 4]);
    expect(Array.from(boxResize(small, 2, 2, 1, 4, 4))).toEqual([
      5, 5, 9, 9, 5, 5, 9, 9, 0, 0, 4, 4, 0, 0, 4, 4,
    ]);
  });
});

describe('motionBlur (shifted one-sided kernel)', () => {
  it('angle 0 averages the pixel with its right neighbours, edge replicated', () => {
    const image = Float32Array.of(0, 0, 0, 1); // [1, 4, 1]
    // radius 1 → taps 0, 1, 2 with weights ∝ exp(−i²/2σ²); tap i reads x + i (clamped).
    const sigma = 1;
    const w = [1, Math.exp(-0.5), Math.exp(-2)];
    const total = w[0]! + w[1]! + w[2]!;
    const out = motionBlur(image, 1, 4, 1, 1, sigma, 0);
    expect(out[3]).toBeCloseTo(1, 6);
    expect(out[2]).toBeCloseTo((w[1]! + w[2]!) / total, 6);
    expect(out[1]).toBeCloseTo(w[2]! / total, 6);
    expect(out[0]).toBeCloseTo(0, 6);
  });
});

describe('separable filter with a kernel wider than the image', () => {
  it('folds the taps (reflect) and keeps the sum', () => {
    // σ = 3, truncate 4 → 25 taps on 5 px: the folded result must equal the direct sum of taps.
    const image = Float32Array.of(1, 2, 3, 4, 5); // [1, 5, 1]
    const weights = gaussianWeights(3, 4);
    const direct = (x: number) => {
      let sum = 0;
      for (let k = 0; k < weights.length; k++)
        sum += weights[k]! * image[boundaryIndex(x + k - 12, 5, 'reflect')]!;
      return sum;
    };
    const out = gaussianFilter(image, 1, 5, 1, 3, { mode: 'reflect', truncate: 4 });
    for (let x = 0; x < 5; x++) expect(out[x]).toBeCloseTo(direct(x), 5);
    const tall = gaussianFilter(image, 5, 1, 1, 3, { mode: 'reflect', truncate: 4 });
    for (let y = 0; y < 5; y++) expect(tall[y]).toBeCloseTo(direct(y), 5);
  });
});
