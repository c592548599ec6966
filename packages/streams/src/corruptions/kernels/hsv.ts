/**
 * scikit-image `rgb2hsv` / `hsv2rgb` on [H, W, 3] arrays in [0, 1], in place on interleaved
 * triples. Ties for the maximum resolve like skimage (blue over green over red); hue is 0 where the
 * pixel is grey.
 */
export function rgbToHsvInPlace(pixels: Float32Array): void {
  for (let i = 0; i < pixels.length; i += 3) {
    const r = pixels[i]!;
    const g = pixels[i + 1]!;
    const b = pixels[i + 2]!;
    const v = Math.max(r, g, b);
    const delta = v - Math.min(r, g, b);
    const s = v === 0 ? 0 : delta / v;
    let h = 0;
    if (delta !== 0) {
      if (b === v) h = 4 + (r - g) / delta;
      else if (g === v) h = 2 + (b - r) / delta;
      else h = (g - b) / delta;
      h = (((h / 6) % 1) + 1) % 1;
    }
    pixels[i] = h;
    pixels[i + 1] = s;
    pixels[i + 2] = v;
  }
}

export function hsvToRgbInPlace(pixels: Float32Array): void {
  for (let i = 0; i < pixels.length; i += 3) {
    const h = pixels[i]!;
    const s = pixels[i + 1]!;
    const v = pixels[i + 2]!;
    const sector = Math.floor(h * 6);
    const f = h * 6 - sector;
    const p = v * (1 - s);
    const q = v * (1 - f * s);
    const t = v * (1 - (1 - f) * s);
    let r: number;
    let g: number;
    let b: number;
    switch (((sector % 6) + 6) % 6) {
      case 0:
        [r, g, b] = [v, t, p];
        break;
      case 1:
        [r, g, b] = [q, v, p];
        break;
      case 2:
        [r, g, b] = [p, v, t];
        break;
      case 3:
        [r, g, b] = [p, q, v];
        break;
      case 4:
        [r, g, b] = [t, p, v];
        break;
      default:
        [r, g, b] = [v, p, q];
    }
    pixels[i] = r;
    pixels[i + 1] = g;
    pixels[i + 2] = b;
  }
}
