import { encode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { centerCrop, decodeJpeg, preprocessImagenetJpeg, resizeBilinear } from './imagenet-preprocess';

function jpegOf(
  width: number,
  height: number,
  colour: (x: number, y: number) => [number, number, number],
): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return new Uint8Array(encode({ width, height, data }, 95).data);
}

describe('ImageNet preprocessing', () => {
  it('decodes a JPEG to RGB in [0, 1]', () => {
    const image = decodeJpeg(jpegOf(16, 8, () => [200, 100, 50]));
    expect([image.width, image.height]).toEqual([16, 8]);
    expect(image.pixels[0]! * 255).toBeCloseTo(200, -1);
    expect(image.pixels[2]! * 255).toBeCloseTo(50, -1);
  });

  it('resizes the shorter side to 256 and centre-crops 224', () => {
    const pixels = preprocessImagenetJpeg(jpegOf(320, 240, (x) => [x < 160 ? 0 : 255, 128, 128]));
    expect(pixels).toHaveLength(224 * 224 * 3);
    // 320×240 → 341×256, crop columns 58..281: the red edge (x = 160 → 170.5) sits at crop column ≈ 112.
    expect(pixels[(100 * 224 + 100) * 3]!).toBeLessThan(0.1);
    expect(pixels[(100 * 224 + 125) * 3]!).toBeGreaterThan(0.9);
  });

  it('leaves a 224×224 image untouched unless alwaysResize', () => {
    const bytes = jpegOf(224, 224, (x, y) => [x, y, (x + y) % 256]);
    const decoded = Buffer.from(decodeJpeg(bytes).pixels.buffer);
    expect(Buffer.from(preprocessImagenetJpeg(bytes).buffer).equals(decoded)).toBe(true);
    expect(Buffer.from(preprocessImagenetJpeg(bytes, { alwaysResize: true }).buffer).equals(decoded)).toBe(
      false,
    );
  });

  it('bilinear resize keeps constants and crop keeps centre pixels', () => {
    const image = { width: 3, height: 3, pixels: new Float32Array(27).fill(0.25) };
    expect(Array.from(resizeBilinear(image, 5, 4).pixels).every((v) => Math.abs(v - 0.25) < 1e-7)).toBe(true);
    const ramp = { width: 4, height: 4, pixels: Float32Array.from({ length: 48 }, (_, i) => i) };
    expect(Array.from(centerCrop(ramp, 2).pixels.subarray(0, 3))).toEqual([15, 16, 17]);
  });

  it('names an undecodable file', () => {
    expect(() => preprocessImagenetJpeg(Uint8Array.from([1, 2, 3]), {}, 'broken.JPEG')).toThrow(
      /broken\.JPEG/,
    );
  });
});
